package org.newswatch.gateway.article;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newswatch.contracts.Evidence;
import org.newswatch.gateway.testing.ClassifiedRecords;
import org.newswatch.gateway.testing.ClassifiedRecords.Story;
import org.newswatch.gateway.testing.Keys;
import org.newswatch.testkit.WithTestInfrastructure;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;

/**
 * GET /api/v1/articles and /api/v1/articles/{id} over real HTTP, with real keys, on articles that went through the
 * real broker and projector: full text in four languages (stemming, accents), each filter, combinations, cursor
 * pagination under concurrent inserts, and the precise 400s of bad input.
 */
@QuarkusTest
@WithTestInfrastructure
class ArticleSearchTest {

    static final Duration PATIENCE = Duration.ofSeconds(60);
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    // Every article of this class has this source, so that the assertions see only them.
    static final String SOURCE = "search-test-" + UUID.randomUUID();
    static final Map<String, Story> CORPUS = new LinkedHashMap<>();
    // Spans inside the title and the summary of en-icc, as the classifier would publish them.
    static final List<Evidence> EN_ICC_EVIDENCE = List.of(
            new Evidence("title", 21, 49, "International Criminal Court", "icc-court"),
            new Evidence("summary", 18, 28, "sanctioned", "icc-sanction"));
    static String reader;

    @Inject
    DataSource dataSource;

    // Once per class, but after Quarkus pointed REST Assured at the application (it does so before each test).
    @BeforeEach
    void publishCorpus() {
        if (reader != null) {
            return;
        }
        reader = Keys.newReader();
        add(new Story("en-icc").language("en").publishedAt(NOW.minus(1, ChronoUnit.HOURS))
                .title("Sanctions imposed on International Criminal Court judges")
                .summary("The United States sanctioned four judges of the International Criminal Court.")
                .topic(ClassifiedRecords.ICC, 0.95, true, EN_ICC_EVIDENCE).topic(ClassifiedRecords.JUDICIAL, 0.3, false));
        add(new Story("en-poland").language("en").publishedAt(NOW.minus(2, ChronoUnit.HOURS))
                .title("Judicial independence under threat in Poland")
                .summary("Judges in Poland protest against the new disciplinary chamber.")
                .topic(ClassifiedRecords.ICC, 0.01, false).topic(ClassifiedRecords.JUDICIAL, 0.85, true));
        add(new Story("fr-cpi").language("fr").publishedAt(NOW.minus(3, ChronoUnit.HOURS))
                .title("Washington sanctionne des juges de la Cour pénale internationale")
                .summary("Les élections des juges à La Haye sont suivies de près.")
                .topic(ClassifiedRecords.ICC, 0.9, true).topic(ClassifiedRecords.JUDICIAL, 0.2, false));
        add(new Story("es-cpi").language("es").publishedAt(NOW.minus(4, ChronoUnit.HOURS))
                .title("Las sanciones contra la Corte Penal Internacional preocupan")
                .summary("La sanción afecta a funcionarios de la corte.")
                .topic(ClassifiedRecords.ICC, 0.4, false).topic(ClassifiedRecords.JUDICIAL, 0.1, false));
        add(new Story("de-richter").language("de").publishedAt(NOW.minus(5, ChronoUnit.HOURS))
                .title("Die Unabhängigkeit der Richter ist gefährdet")
                .summary("Richterinnen und Richter warnen vor politischem Druck auf die Gerichte.")
                .topic(ClassifiedRecords.ICC, 0.02, false).topic(ClassifiedRecords.JUDICIAL, 0.7, true));
        add(new Story("en-football").language("en").publishedAt(NOW.minus(6, ChronoUnit.HOURS))
                .title("Football results of the weekend").summary("Goals, cards and a late penalty.")
                .topic(ClassifiedRecords.ICC, 0.0, false).topic(ClassifiedRecords.JUDICIAL, 0.0, false));
        add(new Story("und-tokens").language("und").publishedAt(NOW.minus(7, ChronoUnit.HOURS))
                .title("Xyzzy plugh").summary("Zork grue"));
        try (ClassifiedRecords records = ClassifiedRecords.onTestBroker()) {
            CORPUS.values().forEach(story -> records.send(story.event()));
        }
        await().atMost(PATIENCE).until(() -> ids(Map.of("limit", "100")).size() == CORPUS.size());
    }

    private static void add(Story story) {
        Story scoped = story.source(SOURCE);
        CORPUS.put(scoped.id(), scoped);
    }

    @AfterAll
    static void done() {
        CORPUS.clear();
    }

    static RequestSpecification api() {
        return given().header("Authorization", reader);
    }

    /** The ids the list answers, restricted to this class's source. */
    static List<String> ids(Map<String, String> params) {
        return api().queryParam("source", SOURCE).queryParams(params).when().get("/api/v1/articles")
                .then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
    }

    static List<String> search(String q, String lang) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("q", q);
        if (lang != null) {
            params.put("lang", lang);
        }
        return ids(params);
    }

    @Test
    void listsNewestFirst() {
        assertEquals(List.copyOf(CORPUS.keySet()), ids(Map.of()));
    }

    @Test
    void englishStemming() {
        assertEquals(List.of("en-icc"), search("sanctioning", "en"));
        assertEquals(List.of("en-icc", "en-poland"), search("judge", "en"));
        assertEquals(List.of("en-icc"), search("\"criminal court\"", "en"));
        assertEquals(List.of(), search("\"court criminal\"", "en"));
        assertEquals(List.of("en-icc"), search("judges -poland", "en"));
        assertEquals(List.of("en-icc", "en-poland"), search("sanctions or disciplinary", "en"));
    }

    @Test
    void anExclusionHoldsInEveryLanguageReading() {
        // Without lang, "court -sanctions" is read in every language; the plain reading keeps "sanctions" unstemmed,
        // and the English article (stemmed "sanction") must still be excluded.
        assertFalse(search("court -sanctions", null).contains("en-icc"));
        assertEquals(List.of("en-poland"), search("judges -sanctions", null));
        assertEquals(List.of(), search("\"criminal court\" -\"four judges\"", null));
        List<String> withoutSanctions = search("-sanctions", null);
        assertFalse(withoutSanctions.contains("en-icc"));
        assertTrue(withoutSanctions.contains("en-poland"));
    }

    @Test
    void frenchStemmingAndAccents() {
        assertEquals(List.of("fr-cpi"), search("elections", "fr"));
        assertEquals(List.of("fr-cpi"), search("ÉLECTION", "fr"));
        assertEquals(List.of("fr-cpi"), search("penale internationale", "fr"));
        assertTrue(search("pénale", null).contains("fr-cpi"));
        assertTrue(search("juge", null).contains("fr-cpi"));
    }

    @Test
    void spanishStemmingAndAccents() {
        assertEquals(List.of("es-cpi"), search("sanción", "es"));
        assertEquals(List.of("es-cpi"), search("sancion", "es"));
        assertEquals(List.of("es-cpi"), search("preocupa", "es"));
    }

    @Test
    void germanStemmingAndUmlauts() {
        assertEquals(List.of("de-richter"), search("Unabhangigkeit", "de"));
        assertEquals(List.of("de-richter"), search("unabhängigkeit richter", "de"));
        assertEquals(List.of("de-richter"), search("Gericht", "de"));
        assertEquals(List.of("de-richter"), search("Richter", null));
    }

    @Test
    void withoutLanguageEveryLanguageIsSearched() {
        List<String> found = search("sanctions", null);
        assertTrue(found.containsAll(List.of("en-icc", "fr-cpi")), found.toString());
        assertEquals(List.of("und-tokens"), search("plugh", null));
        assertEquals(List.of("und-tokens"), search("PLUGH", "und"));
    }

    @Test
    void snippetIsPlainTextWithHighlightSpans() {
        JsonPath page = api().queryParam("source", SOURCE).queryParam("q", "sanctioned").queryParam("lang", "en")
                .when().get("/api/v1/articles").then().statusCode(200).extract().jsonPath();
        String text = page.getString("items[0].snippet.text");
        List<Map<String, Integer>> highlights = page.getList("items[0].snippet.highlights");
        assertFalse(highlights.isEmpty());
        Map<String, Integer> first = highlights.get(0);
        assertEquals("sanctioned", text.substring(first.get("start"), first.get("end")));
        assertFalse(text.contains("<") || text.contains("\u0002"), text);
        // Without q, no snippet.
        api().queryParam("source", SOURCE).when().get("/api/v1/articles").then().statusCode(200)
                .body("items[0].snippet", nullValue());
    }

    @Test
    void eachFilter() {
        assertEquals(List.of("en-icc", "en-poland", "fr-cpi", "de-richter"), ids(Map.of("flagged", "true")));
        assertEquals(List.of("es-cpi", "en-football", "und-tokens"), ids(Map.of("flagged", "false")));
        assertEquals(List.of("en-icc", "fr-cpi"), ids(Map.of("topic", ClassifiedRecords.ICC)));
        assertEquals(List.of("en-icc", "fr-cpi", "es-cpi"), ids(Map.of("topic", ClassifiedRecords.ICC, "minScore", "0.3")));
        assertEquals(List.of("en-icc", "en-poland", "fr-cpi"), ids(Map.of("minScore", "0.8")));
        assertEquals(List.of("de-richter"), ids(Map.of("lang", "DE")));
        assertEquals(List.of("en-icc", "en-poland"),
                ids(Map.of("since", NOW.minus(150, ChronoUnit.MINUTES).toString())));
        assertEquals(List.of("de-richter", "en-football", "und-tokens"),
                ids(Map.of("until", NOW.minus(270, ChronoUnit.MINUTES).toString())));
        assertEquals(List.of("fr-cpi"), ids(Map.of("since", NOW.minus(3, ChronoUnit.HOURS).toString(),
                "until", NOW.minus(2, ChronoUnit.HOURS).toString())));
        assertEquals(List.of(), ids(Map.of("since", "2001-01-01", "until", "2001-01-01")));
        assertEquals(List.of(), api().queryParam("source", SOURCE + "-other").when().get("/api/v1/articles")
                .then().statusCode(200).extract().jsonPath().getList("items"));
    }

    @Test
    void topicsRepeatedOrCommaSeparated() {
        List<String> both = List.of("en-icc", "en-poland", "fr-cpi", "de-richter");
        assertEquals(both, ids(Map.of("topic", ClassifiedRecords.ICC + "," + ClassifiedRecords.JUDICIAL)));
        assertEquals(both, api().queryParam("source", SOURCE).queryParam("topic", ClassifiedRecords.ICC)
                .queryParam("topic", ClassifiedRecords.JUDICIAL).when().get("/api/v1/articles").then().statusCode(200)
                .extract().jsonPath().getList("items.id", String.class));
    }

    @Test
    void combinedFilters() {
        assertEquals(List.of("en-icc"), ids(Map.of("q", "judges", "topic", ClassifiedRecords.ICC,
                "since", NOW.minus(150, ChronoUnit.MINUTES).toString())));
        assertEquals(List.of("fr-cpi"), ids(Map.of("flagged", "true", "lang", "fr")));
        assertEquals(List.of("de-richter"), ids(Map.of("q", "Richter", "flagged", "true",
                "topic", ClassifiedRecords.JUDICIAL, "minScore", "0.5", "until", NOW.toString())));
    }

    @Test
    void itemShape() {
        api().queryParam("source", SOURCE).queryParam("topic", ClassifiedRecords.ICC).queryParam("limit", "1")
                .when().get("/api/v1/articles").then().statusCode(200)
                .body("items[0].id", equalTo("en-icc"))
                .body("items[0].url", equalTo("https://news.example.org/en-icc"))
                .body("items[0].source", equalTo(SOURCE))
                .body("items[0].feedId", equalTo("feed-1"))
                .body("items[0].language", equalTo("en"))
                .body("items[0].publishedAt", equalTo(NOW.minus(1, ChronoUnit.HOURS).toString()))
                .body("items[0].collectedAt", notNullValue())
                .body("items[0].classifiedAt", notNullValue())
                .body("items[0].flagged", equalTo(true))
                .body("items[0].topics.topic", equalTo(List.of(ClassifiedRecords.ICC, ClassifiedRecords.JUDICIAL)))
                .body("items[0].topics[0].score", equalTo(0.95f))
                .body("items[0].summary", containsString("sanctioned four judges"))
                .body("nextCursor", notNullValue());
    }

    @Test
    void listItemsCarryEachTopicsEvidence() {
        JsonPath page = api().queryParam("source", SOURCE).queryParam("topic", ClassifiedRecords.ICC)
                .queryParam("limit", "1").when().get("/api/v1/articles").then().statusCode(200).extract().jsonPath();
        assertEquals("en-icc", page.getString("items[0].id"));
        List<Map<String, Object>> evidence = page.getList("items[0].topics[0].evidence");
        assertEquals(EN_ICC_EVIDENCE.size(), evidence.size(), evidence.toString());
        for (int i = 0; i < evidence.size(); i++) {
            Evidence published = EN_ICC_EVIDENCE.get(i);
            Map<String, Object> listed = evidence.get(i);
            assertEquals(Map.of("field", published.field(), "start", published.start(), "end", published.end(),
                    "text", published.text(), "rule", published.rule()), listed);
            // The offsets point at the text in the item's own field, so a dashboard can mark it there.
            String field = page.getString("items[0]." + published.field());
            assertEquals(published.text(), field.substring(published.start(), published.end()));
        }
        assertEquals(List.of(), page.getList("items[0].topics[1].evidence"), "a topic that matched nothing");
        // The same with a query (the snippet path of the search).
        api().queryParam("source", SOURCE).queryParam("q", "sanctioned").queryParam("lang", "en")
                .when().get("/api/v1/articles").then().statusCode(200)
                .body("items[0].id", equalTo("en-icc"))
                .body("items[0].topics[0].evidence.text", equalTo(List.of("International Criminal Court", "sanctioned")));
    }

    @Test
    void detailHasEvidenceAndContent() {
        api().when().get("/api/v1/articles/fr-cpi").then().statusCode(200)
                .body("id", equalTo("fr-cpi"))
                .body("classifierVersion", equalTo("test-1"))
                .body("language", equalTo("fr"))
                .body("title", containsString("Cour pénale"))
                .body("content", equalTo(""))
                .body("topics[0].topic", equalTo(ClassifiedRecords.ICC))
                .body("topics[0].evidence[0].field", equalTo("title"))
                .body("topics[0].evidence[0].start", equalTo(0))
                .body("topics[0].evidence[0].end", equalTo(5))
                .body("topics[0].evidence[0].text", equalTo("Washi"))
                .body("topics[0].evidence[0].rule", equalTo("test-rule"))
                .body("topics[1].evidence", equalTo(List.of()));
        api().when().get("/api/v1/articles/no-such-article").then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:newswatch:problem:not-found"))
                .body("detail", containsString("no-such-article"));
        api().queryParam("verbose", "1").when().get("/api/v1/articles/fr-cpi").then().statusCode(400)
                .body("errors.field", hasItem("verbose"));
    }

    @Test
    void noKeyIsRefused() {
        given().when().get("/api/v1/articles").then().statusCode(401).contentType("application/problem+json");
        given().when().get("/api/v1/articles/en-icc").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer nwk_wrong").when().get("/api/v1/articles").then().statusCode(401);
    }

    @Test
    void pagesAreStableUnderConcurrentInserts() {
        String source = "paging-test-" + UUID.randomUUID();
        Instant base = NOW.minus(2, ChronoUnit.DAYS);
        Set<String> existing = new HashSet<>();
        try (ClassifiedRecords records = ClassifiedRecords.onTestBroker()) {
            for (int i = 0; i < 25; i++) {
                // Pairs share a published time, so the id breaks ties.
                Story story = new Story("page-" + source + "-" + i).source(source).title("Paging " + i)
                        .publishedAt(base.minus(i / 2, ChronoUnit.MINUTES));
                existing.add(story.id());
                records.send(story.event());
            }
            await().atMost(PATIENCE).until(() -> pageIds(source, 100, null).ids().size() == 25);

            List<String> seen = new ArrayList<>();
            Page page = pageIds(source, 10, null);
            int pages = 1;
            int inserted = 0;
            while (true) {
                seen.addAll(page.ids());
                // Meanwhile new stories arrive: newer than all, and in the middle of the pages still to come.
                records.send(new Story("page-" + source + "-new-" + inserted++).source(source).title("New")
                        .publishedAt(NOW).event());
                records.send(new Story("page-" + source + "-mid-" + inserted++).source(source).title("Middle")
                        .publishedAt(base.minus(9, ChronoUnit.MINUTES).plusMillis(500)).event());
                if (page.next() == null) {
                    break;
                }
                page = pageIds(source, 10, page.next());
                pages++;
            }
            List<String> preExisting = seen.stream().filter(existing::contains).toList();
            assertEquals(25, preExisting.size(), "every pre-existing article once: " + seen);
            assertEquals(new HashSet<>(seen).size(), seen.size(), "no duplicates: " + seen);
            assertTrue(pages >= 3, "pages: " + pages);
        }
    }

    record Page(List<String> ids, String next) {
    }

    static Page pageIds(String source, int limit, String cursor) {
        RequestSpecification request = api().queryParam("source", source).queryParam("limit", limit);
        if (cursor != null) {
            request.queryParam("cursor", cursor);
        }
        JsonPath json = request.when().get("/api/v1/articles").then().statusCode(200).extract().jsonPath();
        return new Page(json.getList("items.id", String.class), json.getString("nextCursor"));
    }

    @Test
    void lastPageHasNoCursor() {
        String body = api().queryParam("source", SOURCE).queryParam("limit", CORPUS.size()).when()
                .get("/api/v1/articles").then().statusCode(200).extract().asString();
        assertFalse(body.contains("nextCursor"), body);
    }

    static ValidatableResponse refused(Map<String, String> params, String field) {
        return api().queryParams(params).when().get("/api/v1/articles").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:newswatch:problem:validation"))
                .body("errors.field", hasItem(field));
    }

    @Test
    void badCursorsAre400NamingCursor() {
        refused(Map.of("cursor", "not a cursor!"), "cursor");
        refused(Map.of("cursor", Base64.getUrlEncoder().encodeToString("v1:abc:123:x".getBytes())), "cursor");
        refused(Map.of("cursor", Base64.getUrlEncoder().encodeToString("v9:1:2:x".getBytes())), "cursor");
        refused(Map.of("cursor", Base64.getUrlEncoder().encodeToString("v1:99999999999999999999:2:x".getBytes())),
                "cursor");
        String cursor = pageIds(SOURCE, 2, null).next();
        assertNotNull(cursor);
        // The cursor of one query used with other filters.
        refused(Map.of("source", SOURCE, "flagged", "true", "cursor", cursor), "cursor")
                .body("detail", containsString("other filters"));
        // With its own filters it continues.
        api().queryParam("source", SOURCE).queryParam("limit", 2).queryParam("cursor", cursor).when()
                .get("/api/v1/articles").then().statusCode(200);
    }

    @Test
    void badValuesAre400NamingTheParameter() {
        refused(Map.of("since", "yesterday"), "since");
        refused(Map.of("until", "2026-13-01"), "until");
        refused(Map.of("since", "2026-11-20T25:00:00Z"), "since");
        refused(Map.of("since", "2026-11-20", "until", "2026-11-19"), "until");
        refused(Map.of("minScore", "1.5"), "minScore");
        refused(Map.of("minScore", "-0.1"), "minScore");
        refused(Map.of("minScore", "high"), "minScore");
        refused(Map.of("minScore", "NaN"), "minScore");
        refused(Map.of("limit", "0"), "limit");
        refused(Map.of("limit", "1000"), "limit");
        refused(Map.of("limit", "ten"), "limit");
        refused(Map.of("flagged", "yes"), "flagged");
        refused(Map.of("lang", "english"), "lang");
        refused(Map.of("topic", "ICC sanctions!"), "topic");
        refused(Map.of("q", "x".repeat(501)), "q");
        // Several at once: every one is named.
        refused(Map.of("limit", "0", "minScore", "2"), "limit").body("errors.field", hasItem("minScore"));
    }

    @Test
    void unknownOrRepeatedParametersAre400() {
        refused(Map.of("topics", ClassifiedRecords.ICC), "topics").body("detail", containsString("unknown parameter"));
        refused(Map.of("Q", "judges"), "Q");
        api().queryParam("limit", "1").queryParam("limit", "2").when().get("/api/v1/articles").then().statusCode(400)
                .body("errors.field", hasItem("limit"));
    }

    @Test
    void searchThatRunsTooLongIs503() throws SQLException {
        // A transaction holding the table keeps the search waiting beyond the test profile's 2 s timeout.
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement lock = connection.createStatement()) {
                lock.execute("LOCK TABLE article IN ACCESS EXCLUSIVE MODE");
                api().queryParam("source", SOURCE).when().get("/api/v1/articles").then().statusCode(503)
                        .contentType("application/problem+json")
                        .body("type", equalTo("urn:newswatch:problem:search-timeout"));
            } finally {
                connection.rollback();
            }
        }
        assertEquals(CORPUS.size(), ids(Map.of()).size());
    }

    @Test
    void hostileQueriesAreJustText() {
        for (String q : List.of("'; DROP TABLE article; --", "%", "\\", ":*", "!!", "\"unbalanced", "a & | b",
                "<script>alert(1)</script>", "sanctions' OR '1'='1", "((((", "-", "judges:*")) {
            api().queryParam("source", SOURCE).queryParam("q", q).when().get("/api/v1/articles").then()
                    .statusCode(200).body("items", notNullValue());
        }
        assertEquals(List.of(), search("<b>nothing</b>", null));
        api().queryParam("source", "x' OR 1=1 --").when().get("/api/v1/articles").then().statusCode(200)
                .body("items", equalTo(List.of()));
        // PostgreSQL text cannot hold NUL: refused, not a 500.
        refused(Map.of("q", "judges\u0000"), "q");
        assertEquals(List.of(), search("the", "en"));
        // The table is still there.
        assertEquals(CORPUS.size(), ids(Map.of("limit", "100")).size());
    }
}
