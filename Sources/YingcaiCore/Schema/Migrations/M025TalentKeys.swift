import Storage

extension Schema {
    // The talent side's keys for a distributed engine, alike on every database. On Citus the talent
    // side is distributed by the talent's id (`CitusPlacement.groups`), and a unique key there
    // must hold the talent's id; the keys that are unique across the city are kept apart:
    // - an ID number (its keyed hash) names one talent: `talent_id_numbers`, keyed by the hash (on
    //   Citus distributed by it), claimed in the transaction that registers or corrects the talent;
    // - an account has at most one talent record and a record at most one account: the talent's id
    //   on the account's row (`users.talent_id`, unique), set with the record.
    // A card's events carry the card's talent, so that a card and its history are in one shard.
    static let m025TalentKeys = Migration("025-talent-keys", ddl: [
        "CREATE TABLE talent_id_numbers (id_hash {bytes} PRIMARY KEY, talent_id BIGINT NOT NULL)",
        "INSERT INTO talent_id_numbers (id_hash, talent_id) SELECT id_hash, id FROM talents",
        "ALTER TABLE users ADD COLUMN talent_id BIGINT",
        "UPDATE users SET talent_id = (SELECT t.id FROM talents t WHERE t.user_id = users.id)",
        "CREATE UNIQUE INDEX users_talent ON users (talent_id)",
        "ALTER TABLE card_events ADD COLUMN talent_id BIGINT",
        "UPDATE card_events SET talent_id = (SELECT c.talent_id FROM cards c WHERE c.id = card_events.card_id)",
    ])
}
