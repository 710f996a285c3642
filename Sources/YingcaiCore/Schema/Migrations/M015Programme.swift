import Storage

extension Schema {
    // The talent programme (重庆英才计划). Keys that must be unique carry the talent or the call, so
    // that a distributed engine can place them (one application per person per call is unique by
    // talent). Rule states are stored as their string values; the call's configuration as JSON.
    static let m015Programme = Migration("015-programme", ddl: [
        """
        CREATE TABLE programme_calls (
            id {id},
            year INTEGER NOT NULL UNIQUE,
            state TEXT NOT NULL,
            call TEXT NOT NULL,
            settings TEXT NOT NULL,
            created_by BIGINT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE programme_applications (
            id {id},
            call_id BIGINT NOT NULL REFERENCES programme_calls(id),
            special TEXT NOT NULL,
            applicant_talent_id BIGINT NOT NULL REFERENCES talents(id),
            applicant_user_id BIGINT REFERENCES users(id),
            district_code TEXT NOT NULL,
            state TEXT NOT NULL,
            rules TEXT NOT NULL,
            title TEXT NOT NULL,
            summary TEXT NOT NULL,
            field TEXT NOT NULL,
            employer TEXT NOT NULL,
            team_member_ids TEXT NOT NULL,
            exclusions TEXT NOT NULL,
            raw_score DOUBLE PRECISION,
            score DOUBLE PRECISION,
            place INTEGER,
            tied INTEGER NOT NULL DEFAULT 0,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            last_seq INTEGER NOT NULL
        )
        """,
        "CREATE INDEX programme_applications_call ON programme_applications (call_id, special, state)",
        "CREATE INDEX programme_applications_district ON programme_applications (district_code, call_id, state)",
        "CREATE INDEX programme_applications_applicant ON programme_applications (applicant_talent_id, call_id)",
        // One application per person per call: the applicant and every team member, while it is live.
        """
        CREATE TABLE programme_participants (
            talent_id BIGINT NOT NULL REFERENCES talents(id),
            call_id BIGINT NOT NULL REFERENCES programme_calls(id),
            application_id BIGINT NOT NULL REFERENCES programme_applications(id),
            role TEXT NOT NULL,
            PRIMARY KEY (talent_id, call_id)
        )
        """,
        "CREATE INDEX programme_participants_application ON programme_participants (application_id)",
        // Every step of a call or an application: who, when, from, to, why.
        """
        CREATE TABLE programme_events (
            id {id},
            subject TEXT NOT NULL,
            subject_id BIGINT NOT NULL,
            seq INTEGER NOT NULL,
            at BIGINT NOT NULL,
            actor_id BIGINT,
            actor_name TEXT NOT NULL,
            action TEXT NOT NULL,
            from_state TEXT,
            to_state TEXT NOT NULL,
            note TEXT,
            UNIQUE (subject, subject_id, seq)
        )
        """,
        """
        CREATE TABLE programme_materials (
            application_id BIGINT NOT NULL REFERENCES programme_applications(id),
            code TEXT NOT NULL,
            upload_id TEXT NOT NULL UNIQUE REFERENCES uploads(id),
            PRIMARY KEY (application_id, code)
        )
        """,
        // 评审专家库: a reviewer's field, employer and declared collaborators, and how many a round.
        """
        CREATE TABLE programme_reviewers (
            user_id BIGINT PRIMARY KEY REFERENCES users(id),
            field TEXT NOT NULL,
            employer TEXT NOT NULL,
            talent_id BIGINT REFERENCES talents(id),
            collaborator_ids TEXT NOT NULL,
            max_load INTEGER NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        // Conflicts of interest found at assignment, with their cause: data, never dropped.
        """
        CREATE TABLE programme_conflicts (
            application_id BIGINT NOT NULL REFERENCES programme_applications(id),
            reviewer_id BIGINT NOT NULL REFERENCES users(id),
            cause TEXT NOT NULL,
            detail TEXT NOT NULL,
            found_at BIGINT NOT NULL,
            PRIMARY KEY (application_id, reviewer_id, cause)
        )
        """,
        """
        CREATE TABLE programme_assignments (
            application_id BIGINT NOT NULL REFERENCES programme_applications(id),
            reviewer_id BIGINT NOT NULL REFERENCES users(id),
            call_id BIGINT NOT NULL REFERENCES programme_calls(id),
            affinity INTEGER NOT NULL,
            source TEXT NOT NULL,
            assigned_at BIGINT NOT NULL,
            PRIMARY KEY (application_id, reviewer_id)
        )
        """,
        "CREATE INDEX programme_assignments_reviewer ON programme_assignments (reviewer_id, call_id)",
        """
        CREATE TABLE programme_scores (
            application_id BIGINT NOT NULL REFERENCES programme_applications(id),
            reviewer_id BIGINT NOT NULL REFERENCES users(id),
            scores TEXT NOT NULL,
            total DOUBLE PRECISION NOT NULL,
            normalised DOUBLE PRECISION,
            comment TEXT NOT NULL,
            submitted_at BIGINT NOT NULL,
            PRIMARY KEY (application_id, reviewer_id)
        )
        """,
        // 包干制: a selected application's project, its tranches (payouts of the programme's policy) and reports.
        """
        CREATE TABLE programme_projects (
            application_id BIGINT PRIMARY KEY REFERENCES programme_applications(id),
            holder_talent_id BIGINT NOT NULL REFERENCES talents(id),
            budget_yuan BIGINT NOT NULL,
            categories TEXT NOT NULL,
            midterm_accepted_at BIGINT,
            completion_reviewed_at BIGINT,
            completion_result TEXT,
            created_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE programme_tranches (
            application_id BIGINT NOT NULL REFERENCES programme_applications(id),
            stage TEXT NOT NULL,
            percent INTEGER NOT NULL,
            yuan BIGINT NOT NULL,
            payout_id BIGINT REFERENCES payouts(id),
            PRIMARY KEY (application_id, stage)
        )
        """,
        """
        CREATE TABLE programme_reports (
            id {id},
            application_id BIGINT NOT NULL REFERENCES programme_applications(id),
            kind TEXT NOT NULL,
            year INTEGER NOT NULL,
            text TEXT NOT NULL,
            spending TEXT NOT NULL,
            submitted_by BIGINT,
            submitted_at BIGINT NOT NULL,
            UNIQUE (application_id, kind, year)
        )
        """,
    ])
}
