import Storage

extension Schema {
    // What the public sends without signing in (objections to the programme's notice), by client
    // address, to hold back one address flooding the city talent office; keyed by the address.
    static let m017PublicSubmissions = Migration("017-public-submissions", ddl: [
        """
        CREATE TABLE public_submissions (
            id {id},
            kind TEXT NOT NULL,
            address TEXT NOT NULL,
            at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX public_submissions_address ON public_submissions (kind, address, at)",
    ])
}
