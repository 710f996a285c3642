/// What to answer when there is nothing to say (or the push was a duplicate): WeChat takes the
/// literal `success` (or an empty body) as "received", stops retrying, and shows the follower
/// nothing. Any other unparseable answer makes WeChat tell the follower the service failed.
public enum NoReply {
    public static let body = "success"
}
