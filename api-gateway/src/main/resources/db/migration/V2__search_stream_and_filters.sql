-- Full-text search, the flagged-article stream and the indexes the article filters read.

-- Accents are folded on both sides (documents and queries), so "elections" finds "élections" and
-- "Unabhangigkeit" finds "Unabhängigkeit". unaccent ships with PostgreSQL (contrib) and is a trusted extension:
-- the database owner may create it.
CREATE EXTENSION IF NOT EXISTS unaccent;

-- Which text-search configuration reads which language (ISO 639-1, as the classifier detects it). Each nw_*
-- configuration is PostgreSQL's own for that language with unaccent before its stemmer; a language without a
-- row here (and "und") is read with nw_simple: no stemming, no stop words, accents folded.
CREATE TABLE text_search_language (
    language text     PRIMARY KEY,
    config   regconfig NOT NULL
);

DO $$
DECLARE
    pair text[];
BEGIN
    CREATE TEXT SEARCH CONFIGURATION nw_simple (COPY = simple);
    ALTER TEXT SEARCH CONFIGURATION nw_simple
        ALTER MAPPING FOR word, hword, hword_part WITH unaccent, simple;
    FOREACH pair SLICE 1 IN ARRAY ARRAY[
            ['ar', 'arabic'], ['ca', 'catalan'], ['da', 'danish'], ['de', 'german'], ['el', 'greek'],
            ['en', 'english'], ['es', 'spanish'], ['eu', 'basque'], ['fi', 'finnish'], ['fr', 'french'],
            ['ga', 'irish'], ['hi', 'hindi'], ['hu', 'hungarian'], ['hy', 'armenian'], ['id', 'indonesian'],
            ['it', 'italian'], ['lt', 'lithuanian'], ['nb', 'norwegian'], ['ne', 'nepali'], ['nl', 'dutch'],
            ['nn', 'norwegian'], ['no', 'norwegian'], ['pt', 'portuguese'], ['ro', 'romanian'], ['ru', 'russian'],
            ['sr', 'serbian'], ['sv', 'swedish'], ['ta', 'tamil'], ['tr', 'turkish'], ['yi', 'yiddish']]
    LOOP
        -- Older servers lack a few of these; their languages fall back to nw_simple.
        CONTINUE WHEN NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = pair[2]);
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'nw_' || pair[2]) THEN
            EXECUTE format('CREATE TEXT SEARCH CONFIGURATION %I (COPY = %I)', 'nw_' || pair[2], pair[2]);
            EXECUTE format('ALTER TEXT SEARCH CONFIGURATION %I ALTER MAPPING FOR word, hword, hword_part '
                    || 'WITH unaccent, %I',
                    'nw_' || pair[2], pair[2] || '_stem');
        END IF;
        INSERT INTO text_search_language (language, config) VALUES (pair[1], ('nw_' || pair[2])::regconfig);
    END LOOP;
END
$$;

-- The configuration for an article's language: "fr", "FR" and "fr-CA" read as French.
CREATE FUNCTION article_text_config(language text) RETURNS regconfig
    LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT coalesce((SELECT config FROM text_search_language
                      WHERE text_search_language.language = lower(split_part($1, '-', 1))),
                    'nw_simple'::regconfig)
$$;

-- The searchable document of an article: title weighs most, then summary, then (the first 100,000 characters
-- of) the content.
CREATE FUNCTION article_document(language text, title text, summary text, content text) RETURNS tsvector
    LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector(article_text_config($1), $2), 'A')
        || setweight(to_tsvector(article_text_config($1), $3), 'B')
        || setweight(to_tsvector(article_text_config($1), left($4, 100000)), 'C')
$$;

-- A websearch query in every configuration at once, OR-ed: a query without a language finds articles in any
-- language, each matched by the stems of its own language (and, harmlessly, of the others).
CREATE FUNCTION article_query_any(query text) RETURNS tsquery
    LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
    config regconfig;
    one tsquery;
    seen tsquery[] := ARRAY[websearch_to_tsquery('nw_simple', query)];
BEGIN
    -- Many languages read most words alike: each distinct reading is OR-ed once.
    FOR config IN SELECT DISTINCT t.config FROM text_search_language t LOOP
        one := websearch_to_tsquery(config, query);
        IF NOT one = ANY (seen) THEN
            seen := seen || one;
        END IF;
    END LOOP;
    RETURN (SELECT string_agg('(' || q::text || ')', ' | ') FROM unnest(seen) AS q WHERE numnode(q) > 0)::tsquery;
END
$$;

ALTER TABLE article ADD COLUMN search tsvector;
UPDATE article SET search = article_document(language, title, summary, content);
ALTER TABLE article ALTER COLUMN search SET NOT NULL;
CREATE INDEX article_search ON article USING gin (search);

-- Filters that come with the newest-first order.
CREATE INDEX article_source_newest ON article (source, published_at DESC, id DESC);
CREATE INDEX article_language_newest ON article (language, published_at DESC, id DESC);

-- Daily statistics count flagged topics per published day; V1's index on topic alone did not cover that.
DROP INDEX article_topic_flagged;
CREATE INDEX article_topic_flagged ON article_topic (topic, article_id) WHERE flagged;
CREATE INDEX article_topic_score ON article_topic (topic, score);

-- The live stream: one row per article that became flagged. The projector adds the row unnumbered (so that
-- concurrent projections never wait for each other); a gateway instance then numbers the waiting rows in one short
-- transaction under an advisory lock, so numbers become visible in order: a reader that has seen n never later finds
-- a smaller one. The numbers are the SSE ids; a client that reconnects with Last-Event-ID gets exactly what it missed.
CREATE TABLE stream_event (
    article_id text        PRIMARY KEY REFERENCES article (id) ON DELETE CASCADE,
    flagged_at timestamptz NOT NULL DEFAULT now(),
    seq        bigint      UNIQUE
);
CREATE INDEX stream_event_unnumbered ON stream_event (flagged_at, article_id) WHERE seq IS NULL;
CREATE SEQUENCE stream_event_seq AS bigint;
