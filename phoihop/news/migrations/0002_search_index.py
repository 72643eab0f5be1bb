"""The article search index over the folded columns (search_title, search_text), which
core.text fills with case, diacritics, đ and tone placement removed, so that both
databases search the same keys.

SQLite: an FTS5 table with the article table as its external content, kept in step by
triggers; bm25 ranks title matches higher. PostgreSQL: a stored, weighted tsvector
('simple' configuration: the text is already folded, so no stemming or unaccent is needed
at query time) with a GIN index; ts_rank ranks."""

from django.db import migrations

SQLITE = [
    """CREATE VIRTUAL TABLE news_article_fts USING fts5(
        search_title, search_text, content='news_article', content_rowid='id', prefix='2 3 4')""",
    """CREATE TRIGGER news_article_fts_ai AFTER INSERT ON news_article BEGIN
        INSERT INTO news_article_fts(rowid, search_title, search_text)
        VALUES (new.id, new.search_title, new.search_text); END""",
    """CREATE TRIGGER news_article_fts_ad AFTER DELETE ON news_article BEGIN
        INSERT INTO news_article_fts(news_article_fts, rowid, search_title, search_text)
        VALUES ('delete', old.id, old.search_title, old.search_text); END""",
    """CREATE TRIGGER news_article_fts_au AFTER UPDATE OF search_title, search_text ON news_article BEGIN
        INSERT INTO news_article_fts(news_article_fts, rowid, search_title, search_text)
        VALUES ('delete', old.id, old.search_title, old.search_text);
        INSERT INTO news_article_fts(rowid, search_title, search_text)
        VALUES (new.id, new.search_title, new.search_text); END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS news_article_fts_au",
    "DROP TRIGGER IF EXISTS news_article_fts_ad",
    "DROP TRIGGER IF EXISTS news_article_fts_ai",
    "DROP TABLE IF EXISTS news_article_fts",
]
POSTGRES = [
    """ALTER TABLE news_article ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', search_title), 'A') || setweight(to_tsvector('simple', search_text), 'D')
    ) STORED""",
    "CREATE INDEX news_article_search_vector ON news_article USING gin (search_vector)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS news_article_search_vector",
    "ALTER TABLE news_article DROP COLUMN IF EXISTS search_vector",
]


def forward(apps, schema_editor):
    statements = {"sqlite": SQLITE, "postgresql": POSTGRES}.get(schema_editor.connection.vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    statements = {"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}.get(schema_editor.connection.vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("news", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
