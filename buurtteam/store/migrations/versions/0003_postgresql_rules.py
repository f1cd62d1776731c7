"""PostgreSQL gets what SQLite got from triggers in 0001 and 0002.

On a shared PostgreSQL server the same guarantees hold: contract point history is
append-only, approved minutes are frozen (a trusted operation lifts the freeze through
store_override inside its own transaction), and a search index over everything the team
wrote is kept current by triggers. The index folds case and diacritics with
`buurtteam_fold` (no extension needed, so the app's role needs no superuser), and a
`tsvector` column with a GIN index answers searches.

On SQLite this revision changes nothing.

Revision ID: 0003
Revises: 0002
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# Borrowed from 0002 on purpose: a migration must not import another migration.
KIND_CODES = 16
_MEETING_OF_ITEM = (
    "(SELECT m.neighbourhood_id FROM agenda_item a JOIN meeting m "
    "ON m.id = a.meeting_id WHERE a.id = {r}.agenda_item_id)"
)
SEARCHED = (
    (
        "agenda_item",
        1,
        "(SELECT neighbourhood_id FROM meeting WHERE id = {r}.meeting_id)",
        "{r}.title",
        "coalesce({r}.description, '') || ' ' || coalesce({r}.notes, '')",
    ),
    ("decision", 2, _MEETING_OF_ITEM, "NULL", "{r}.text"),
    ("action", 3, _MEETING_OF_ITEM, "NULL", "{r}.text"),
    ("idea", 4, _MEETING_OF_ITEM, "NULL", "{r}.text"),
    (
        "contract_point",
        5,
        "(SELECT neighbourhood_id FROM contract WHERE id = {r}.contract_id)",
        "{r}.title",
        "coalesce({r}.description, '') || ' ' || coalesce({r}.theme, '')",
    ),
    (
        "point_history",
        6,
        "(SELECT c.neighbourhood_id FROM contract_point p JOIN contract c ON c.id = p.contract_id "
        "WHERE p.id = {r}.point_id)",
        "NULL",
        "coalesce({r}.note, '')",
    ),
    (
        "proposal",
        7,
        "{r}.neighbourhood_id",
        "{r}.title",
        "coalesce({r}.description, '') || ' ' || coalesce({r}.decision_reason, '') || ' ' || "
        "coalesce({r}.theme, '')",
    ),
    ("issue", 8, "{r}.neighbourhood_id", "{r}.title", "coalesce({r}.description, '')"),
    (
        "issue_step",
        9,
        "(SELECT neighbourhood_id FROM issue WHERE id = {r}.issue_id)",
        "NULL",
        "{r}.text || ' ' || coalesce({r}.\"to\", '')",
    ),
    (
        "erratum",
        10,
        "(SELECT neighbourhood_id FROM meeting WHERE id = {r}.meeting_id)",
        "NULL",
        "{r}.text",
    ),
    (
        "agenda_request",
        11,
        "(SELECT neighbourhood_id FROM meeting WHERE id = {r}.meeting_id)",
        "{r}.title",
        "coalesce({r}.description, '')",
    ),
)
FROZEN_MEETING = "(SELECT status FROM meeting WHERE id = {ref}) = 'minutes_approved'"
FROZEN_BY_ITEM = (
    "(SELECT m.status FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id "
    "WHERE a.id = {ref}) = 'minutes_approved'"
)
FROZEN_CHILDREN = (
    ("agenda_item", FROZEN_MEETING.format(ref="{r}.meeting_id")),
    ("attendance", FROZEN_MEETING.format(ref="{r}.meeting_id")),
    ("guest", FROZEN_MEETING.format(ref="{r}.meeting_id")),
    ("decision", FROZEN_BY_ITEM.format(ref="{r}.agenda_item_id")),
    ("idea", FROZEN_BY_ITEM.format(ref="{r}.agenda_item_id")),
    ("agenda_item_point", FROZEN_BY_ITEM.format(ref="{r}.agenda_item_id")),
    ("agenda_item_proposal", FROZEN_BY_ITEM.format(ref="{r}.agenda_item_id")),
    ("agenda_item_issue", FROZEN_BY_ITEM.format(ref="{r}.agenda_item_id")),
    ("action", FROZEN_BY_ITEM.format(ref="{r}.agenda_item_id")),
)
NOT_OVERRIDDEN = "NOT EXISTS (SELECT 1 FROM store_override)"
ACTION_CHANGED = (
    "NEW.text IS DISTINCT FROM OLD.text OR NEW.owner_id IS DISTINCT FROM "
    "OLD.owner_id OR NEW.party_id IS DISTINCT FROM OLD.party_id OR NEW.due IS "
    "DISTINCT FROM OLD.due OR NEW.agenda_item_id IS DISTINCT FROM OLD.agenda_item_id"
)
MEETING_COLUMNS = (
    "public_id",
    "starts_at",
    "ends_at",
    "location",
    "chair_id",
    "secretary_id",
    "status",
    "minutes_approved_at_id",
    "neighbourhood_id",
)
FOLD_FROM = "ÀÁÂÃÄÅĀĂĄàáâãäåāăąÇĆĈĊČçćĉċčĎĐďđÈÉÊËĒĔĖĘĚèéêëēĕėęěĜĞĠĢĝğġģĤĦĥħÌÍÎÏĨĪĬĮİìíîïĩīĭįıĴĵĶķĹĻĽĿŁĺļľŀłÑŃŅŇñńņňŉÒÓÔÕÖØŌŎŐòóôõöøōŏőŔŖŘŕŗřŚŜŞŠśŝşšŢŤŦţťŧÙÚÛÜŨŪŬŮŰŲùúûüũūŭůűųŴŵÝŸŶýÿŷŹŻŽźżž"
FOLD_TO = "AAAAAAAAAaaaaaaaaaCCCCCcccccDDddEEEEEEEEEeeeeeeeeeGGGGggggHHhhIIIIIIIIIiiiiiiiiiJjKkLLLLLlllllNNNNnnnnnOOOOOOOOOoooooooooRRRrrrSSSSssssTTTtttUUUUUUUUUUuuuuuuuuuuWwYYYyyyZZZzzz"


def _sql(template: str, r: str) -> str:
    return template.format(r=r)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    assert len(FOLD_FROM) == len(FOLD_TO)
    op.execute(
        "CREATE FUNCTION buurtteam_fold(value text) RETURNS text LANGUAGE sql IMMUTABLE "
        f"AS $$ SELECT translate(lower(coalesce(value, '')), '{FOLD_FROM}', '{FOLD_TO.lower()}') $$"
    )
    # History: append-only; a history row may go only with its point (a cascade).
    op.execute("""
        CREATE FUNCTION point_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'UPDATE' AND NOT EXISTS (SELECT 1 FROM store_override) THEN
                RAISE EXCEPTION 'point_history is append-only';
            END IF;
            IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM contract_point WHERE id = OLD.point_id)
            THEN
                RAISE EXCEPTION 'point_history is append-only';
            END IF;
            RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        END $$""")
    op.execute(
        "CREATE TRIGGER point_history_append_only BEFORE UPDATE OR DELETE ON "
        "point_history FOR EACH ROW EXECUTE FUNCTION point_history_append_only()"
    )
    # Frozen minutes.
    for table, frozen in FROZEN_CHILDREN:
        update_condition = (
            f"({ACTION_CHANGED}) AND {_sql(frozen, 'OLD')}"
            if table == "action"
            else _sql(frozen, "OLD")
        )
        op.execute(f"""
            CREATE FUNCTION frozen_{table}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF EXISTS (SELECT 1 FROM store_override) THEN
                    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
                END IF;
                IF TG_OP = 'INSERT' AND {_sql(frozen, "NEW")} THEN
                    RAISE EXCEPTION 'minutes are approved and frozen';
                ELSIF TG_OP = 'UPDATE' AND {update_condition} THEN
                    RAISE EXCEPTION 'minutes are approved and frozen';
                ELSIF TG_OP = 'DELETE' AND coalesce({_sql(frozen, "OLD")}, false) THEN
                    RAISE EXCEPTION 'minutes are approved and frozen';
                END IF;
                RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
            END $$""")
        op.execute(
            f"CREATE TRIGGER frozen_{table} BEFORE INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION frozen_{table}()"
        )
    changed = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in MEETING_COLUMNS)
    op.execute(f"""
        CREATE FUNCTION frozen_meeting() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF EXISTS (SELECT 1 FROM store_override) OR OLD.status <> 'minutes_approved' THEN
                RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
            END IF;
            IF TG_OP = 'UPDATE' AND ({changed}) THEN
                RAISE EXCEPTION 'minutes are approved and frozen';
            END IF;
            IF TG_OP = 'DELETE'
               AND EXISTS (SELECT 1 FROM neighbourhood WHERE id = OLD.neighbourhood_id) THEN
                RAISE EXCEPTION 'minutes are approved and frozen';
            END IF;
            RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        END $$""")
    op.execute(
        "CREATE TRIGGER frozen_meeting BEFORE UPDATE OR DELETE ON meeting "
        "FOR EACH ROW EXECUTE FUNCTION frozen_meeting()"
    )
    # The search index.
    op.execute("""
        CREATE TABLE search_index (
            rowid BIGINT PRIMARY KEY,
            neighbourhood_id INTEGER,
            kind VARCHAR(40) NOT NULL,
            record_id INTEGER NOT NULL,
            title TEXT,
            body TEXT,
            document tsvector GENERATED ALWAYS AS (
                to_tsvector('simple', buurtteam_fold(title) || ' ' || buurtteam_fold(body))
            ) STORED
        )""")
    op.execute("CREATE INDEX ix_search_index_document ON search_index USING gin (document)")
    for table, code, hood, title, body in SEARCHED:
        row = (
            f"INSERT INTO search_index (rowid, neighbourhood_id, kind, record_id, title, body) "
            f"VALUES (NEW.id * {KIND_CODES} + {code}, {_sql(hood, 'NEW')}, '{table}', NEW.id, "
            f"{_sql(title, 'NEW')}, {_sql(body, 'NEW')})"
        )
        op.execute(f"""
            CREATE FUNCTION search_{table}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP IN ('UPDATE', 'DELETE') THEN
                    DELETE FROM search_index WHERE rowid = OLD.id * {KIND_CODES} + {code};
                END IF;
                IF TG_OP IN ('INSERT', 'UPDATE') THEN
                    {row};
                END IF;
                RETURN NULL;
            END $$""")
        op.execute(
            f"CREATE TRIGGER search_{table} AFTER INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION search_{table}()"
        )
        op.execute(
            f"INSERT INTO search_index (rowid, neighbourhood_id, kind, record_id, title, body) "
            f"SELECT r.id * {KIND_CODES} + {code}, {_sql(hood, 'r')}, '{table}', r.id, "
            f"{_sql(title, 'r')}, {_sql(body, 'r')} FROM {table} AS r"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, *_rest in SEARCHED:
        op.execute(f"DROP TRIGGER search_{table} ON {table}")
        op.execute(f"DROP FUNCTION search_{table}()")
    op.execute("DROP TABLE search_index")
    op.execute("DROP TRIGGER frozen_meeting ON meeting")
    op.execute("DROP FUNCTION frozen_meeting()")
    for table, _frozen in FROZEN_CHILDREN:
        op.execute(f"DROP TRIGGER frozen_{table} ON {table}")
        op.execute(f"DROP FUNCTION frozen_{table}()")
    op.execute("DROP TRIGGER point_history_append_only ON point_history")
    op.execute("DROP FUNCTION point_history_append_only()")
    op.execute("DROP FUNCTION buurtteam_fold(text)")
