"""PostgreSQL: a narrow search table beside news_article, kept by triggers.

The search walks the matches newest first and stops at a window (selectors.WINDOW). On
news_article itself every row examined is a wide one (body, folded text, weighted
tsvector), so a walk over tens of thousands of rows cost 150–200 ms. This table holds one
row per article with only what the search filters on: the visibility columns and the
folded words without positions or weights (strip(); the rank is computed from
news_article.search_vector for the window's rows only), with its own GIN index.

The triggers keep it in the same transaction as every write to news_article, however it
is made (the ORM, bulk_create, the admin, a TRUNCATE between tests), as the FTS5 table's
triggers do on SQLite. No foreign key: Django's flush truncates news_article alone."""

from django.db import migrations

POSTGRES = [
    """CREATE TABLE news_article_search (
        article_id integer PRIMARY KEY,
        status varchar(16) NOT NULL,
        published_at timestamptz NULL,
        deleted_at timestamptz NULL,
        agency_id integer NULL,
        words tsvector NOT NULL
    )""",
    "CREATE INDEX news_article_search_words ON news_article_search USING gin (words)",
    """CREATE FUNCTION news_article_search_put() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO news_article_search (article_id, status, published_at, deleted_at, agency_id, words)
        VALUES (NEW.id, NEW.status, NEW.published_at, NEW.deleted_at, NEW.agency_id, strip(NEW.search_vector))
        ON CONFLICT (article_id) DO UPDATE SET
            status = EXCLUDED.status, published_at = EXCLUDED.published_at,
            deleted_at = EXCLUDED.deleted_at, agency_id = EXCLUDED.agency_id, words = EXCLUDED.words;
        RETURN NULL;
    END $$""",
    """CREATE FUNCTION news_article_search_drop() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'TRUNCATE' THEN
            DELETE FROM news_article_search;
        ELSE
            DELETE FROM news_article_search WHERE article_id = OLD.id;
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER news_article_search_ins AFTER INSERT ON news_article
        FOR EACH ROW EXECUTE FUNCTION news_article_search_put()""",
    """CREATE TRIGGER news_article_search_upd
        AFTER UPDATE OF status, published_at, deleted_at, agency_id, search_title, search_text ON news_article
        FOR EACH ROW EXECUTE FUNCTION news_article_search_put()""",
    """CREATE TRIGGER news_article_search_del AFTER DELETE ON news_article
        FOR EACH ROW EXECUTE FUNCTION news_article_search_drop()""",
    """CREATE TRIGGER news_article_search_trunc AFTER TRUNCATE ON news_article
        FOR EACH STATEMENT EXECUTE FUNCTION news_article_search_drop()""",
    """INSERT INTO news_article_search (article_id, status, published_at, deleted_at, agency_id, words)
        SELECT id, status, published_at, deleted_at, agency_id, strip(search_vector) FROM news_article""",
    "ANALYZE news_article_search",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS news_article_search_trunc ON news_article",
    "DROP TRIGGER IF EXISTS news_article_search_del ON news_article",
    "DROP TRIGGER IF EXISTS news_article_search_upd ON news_article",
    "DROP TRIGGER IF EXISTS news_article_search_ins ON news_article",
    "DROP FUNCTION IF EXISTS news_article_search_drop()",
    "DROP FUNCTION IF EXISTS news_article_search_put()",
    "DROP TABLE IF EXISTS news_article_search",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES_REVERSE:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("news", "0002_search_index")]
    operations = [migrations.RunPython(forward, backward)]
