package org.newswatch.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.newswatch.system.stack.ApiClient;
import org.newswatch.system.stack.HeadlessChromium;
import org.newswatch.system.stack.NewswatchStack;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The dashboard at {@code /} in headless Chromium against the whole running stack (real broker, PostgreSQL and the
 * four services): a user pastes a key, reads the flagged stories and why each was flagged, searches, reads the
 * chart, previews and creates a subscription, sees a story published into the pipeline arrive live (a hostile
 * title shown as text), administers feeds and keys, and uses the page 375 px wide. Every figure on the page is
 * checked against the public API. Screenshots of the main views go to {@code target/screenshots}. The steps build
 * on each other and run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {

    @RegisterExtension
    static final NewswatchStack STACK = new NewswatchStack();

    private static final Duration PIPELINE = Duration.ofSeconds(90);
    private static final String ICC_STORY = "United States imposes sanctions on International Criminal Court judges";
    private static final String HOSTILE_PREFIX = "<script>window.pwned = true</script>";
    private static final String HOOK = "dashboard";
    private static final List<Story> SEEDED = Stream.of(Story.WORLD_DESK, Story.JUSTICE_HEBDO, Story.EL_FORO)
            .flatMap(List::stream).toList();

    private static HeadlessChromium browser;
    private static ApiClient admin;
    private static String subscriptionId;

    @BeforeAll
    static void seedStoriesAndOpenABrowser() {
        admin = STACK.adminApi();
        addFeed("/world-desk.rss", "world-desk.rss");
        addFeed("/justice-hebdo.atom", "justice-hebdo.atom");
        addFeed("/el-foro-global.rss", "el-foro-global.rss");
        long flagged = SEEDED.stream().filter(Story::flagged).count();
        Awaitility.await("the seeded stories in the read model").atMost(PIPELINE).pollInterval(Duration.ofMillis(500))
                .until(() -> admin.get("/api/v1/articles?limit=100").expect(200).path("items").size() == SEEDED.size());
        assertEquals(flagged, admin.get("/api/v1/articles?flagged=true&limit=100").expect(200).path("items").size());
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void closeTheBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void theFirstVisitAsksForAKeyRefusesAWrongOneAndOpensWithTheRightOne() {
        browser.open(STACK.gatewayUrl() + "/");
        WebElement keyInput = browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")));
        assertTrue(text(By.id("key-help")).contains("deploy/local/.state/admin.key"),
                "a new user is told where the local admin key is");
        assertEquals(List.of(), browser.consoleErrors(), "the page loads without console errors");
        assertAccessible("key page");
        browser.screenshot("dashboard-key");

        keyInput.sendKeys("nwk_not_a_key");
        driver().findElement(By.cssSelector("#key-form button[type=submit]")).click();
        browser.waitUntil(d -> !d.findElement(By.id("key-error")).getText().isBlank());
        assertTrue(text(By.id("key-error")).contains("not accepted"), text(By.id("key-error")));
        assertEquals(null, script("return sessionStorage.getItem('newswatch.apiKey')"), "a refused key is not kept");

        signIn(STACK.adminKey());
        assertEquals(STACK.adminKey(), script("return sessionStorage.getItem('newswatch.apiKey')"),
                "the key is kept in the tab's session storage");
        assertFalse(driver().getCurrentUrl().contains("nwk_"), "the key never goes into the URL");
        assertEquals("", script("return document.cookie"), "nor into a cookie");
        assertEquals(List.of("Stories", "Subscriptions", "Feeds", "API keys"), navigation(),
                "an administrator sees every section");

        // A reload keeps the session (and starts the browser's records afresh: the refused key's 401 was one).
        browser.open(STACK.gatewayUrl() + "/");
        browser.waitUntil(d -> !shownStoryIds().isEmpty());
        assertEquals(List.of("Stories", "Subscriptions", "Feeds", "API keys"), navigation());
    }

    @Test
    @Order(2)
    void theFlaggedStoriesAreListedNewestFirstWithTheEvidenceHighlighted() {
        List<String> expected = ids(admin.get("/api/v1/articles?flagged=true&limit=20").expect(200));
        browser.waitUntil(d -> shownStoryIds().size() == expected.size());
        assertEquals(expected, shownStoryIds(), "the page lists what the API lists, in its order");

        WebElement story = storyTitled(ICC_STORY);
        List<WebElement> marks = story.findElements(By.cssSelector("h3 mark"));
        assertFalse(marks.isEmpty(), "the matched phrases are highlighted in the title");
        JsonNode article = admin.get("/api/v1/articles/" + story.getAttribute("data-id")).expect(200);
        List<String> markTexts = marks.stream().map(WebElement::getText).toList();
        for (JsonNode topic : article.path("topics")) {
            if (!topic.path("flagged").asBoolean()) {
                continue;
            }
            for (JsonNode evidence : topic.path("evidence")) {
                if (evidence.path("field").asText().equals("title")) {
                    String phrase = evidence.path("text").asText();
                    assertTrue(markTexts.stream().anyMatch(mark -> mark.contains(phrase)),
                            "the title's evidence \"" + phrase + "\" is inside a highlight: " + markTexts);
                }
            }
        }
        String badges = story.findElement(By.cssSelector(".badges")).getText();
        assertTrue(badges.contains("ICC sanctions") && badges.contains("Judicial independence"), badges);
        String why = story.findElement(By.cssSelector(".why")).getText();
        assertTrue(why.startsWith("Why it was flagged"), why);
        assertFalse(why.contains("no phrase recorded"), "each flag names its phrases: " + why);
        assertEquals("https://worlddesk.example.org/2026/us-sanctions-icc-judges",
                story.findElement(By.cssSelector("h3 a")).getAttribute("href"), "the title links to the source");
        assertEquals(List.of(), browser.consoleErrors());
        assertEquals(List.of(), browser.requestsOutside(STACK.gatewayUrl()),
                "nothing is loaded from another host");
        assertAccessible("stories");
        script("document.getElementById('result-summary').scrollIntoView()"); // the stories, for the README
        browser.screenshot("dashboard-stories");
    }

    @Test
    @Order(3)
    void aSearchNarrowsTheListAndLivesInTheUrl() {
        int before = shownStoryIds().size();
        WebElement search = driver().findElement(By.id("filter-q"));
        search.clear();
        new Select(driver().findElement(By.id("filter-lang"))).selectByValue("fr");
        search.sendKeys("juges", Keys.ENTER); // the keyboard alone searches

        List<String> expected = ids(admin.get("/api/v1/articles?q=juges&lang=fr&flagged=true&limit=20").expect(200));
        assertFalse(expected.isEmpty(), "the fixtures have French stories about judges");
        assertTrue(expected.size() < before, "the search narrows the list: " + expected.size() + " of " + before);
        browser.waitUntil(d -> shownStoryIds().equals(expected));
        String url = driver().getCurrentUrl();
        assertTrue(url.contains("q=juges") && url.contains("lang=fr"), "the filters are in the URL: " + url);
        assertFalse(driver().findElements(By.cssSelector("#story-list .summary mark.search-hit")).isEmpty(),
                "the matched words are marked in the snippets");

        // The URL alone brings the same view back (a bookmark, a shared link).
        browser.open(url);
        browser.waitUntil(d -> shownStoryIds().equals(expected));
        assertEquals("juges", driver().findElement(By.id("filter-q")).getAttribute("value"));
        assertEquals("fr", new Select(driver().findElement(By.id("filter-lang"))).getFirstSelectedOption()
                .getAttribute("value"));
        browser.screenshot("dashboard-search");

        driver().findElement(By.linkText("Clear filters")).click();
        browser.waitUntil(d -> shownStoryIds().size() == before);
        assertEquals(STACK.gatewayUrl() + "/", driver().getCurrentUrl());
    }

    @Test
    @Order(4)
    void theChartShowsTheDailyCountsWithPatternsAndATable() {
        JsonNode stats = admin.get("/api/v1/stats/daily").expect(200);
        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#daily-chart svg.chart")));
        List<String> topics = new ArrayList<>();
        stats.path("topics").forEach(topic -> topics.add(topic.asText()));
        List<WebElement> legend = driver().findElements(By.cssSelector("#daily-chart .legend li"));
        assertEquals(topics.size(), legend.size(), "one legend entry per topic");
        List<String> fills = driver().findElements(By.cssSelector("#daily-chart .legend rect")).stream()
                .map(rect -> rect.getAttribute("fill")).toList();
        assertEquals(fills.size(), fills.stream().distinct().count(), "each topic has its own pattern: " + fills);
        assertTrue(fills.stream().allMatch(fill -> fill.startsWith("url(#topic-pattern-")), fills.toString());

        driver().findElement(By.cssSelector(".chart-panel details summary")).click();
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        WebElement row = driver().findElement(By.xpath("//div[@id='daily-chart']/following-sibling::details"
                + "//tbody/tr[th='" + today + "']"));
        List<String> cells = row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
        JsonNode day = null;
        for (JsonNode candidate : stats.path("days")) {
            if (candidate.path("day").asText().equals(today)) {
                day = candidate;
            }
        }
        for (int i = 0; i < topics.size(); i++) {
            assertEquals(String.valueOf(day.path("topics").path(topics.get(i)).asInt()), cells.get(i),
                    "today's count of " + topics.get(i));
        }
    }

    @Test
    @Order(5)
    void aSubscriptionIsPreviewedThenCreatedAndItsSecretShownOnce() {
        // From the keyboard: the first Tab reaches the skip link, Enter on a section link opens the section.
        browser.open(STACK.gatewayUrl() + "/");
        browser.waitUntil(d -> !shownStoryIds().isEmpty());
        new Actions(driver()).sendKeys(Keys.TAB).perform();
        assertEquals("Skip to the content", driver().switchTo().activeElement().getText());
        driver().findElement(By.linkText("Subscriptions")).sendKeys(Keys.ENTER);
        browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("subscription-form")));
        driver().findElement(By.cssSelector("#subscription-form input[name=topics][value=icc-sanctions]")).click();
        driver().findElement(By.id("preview-button")).click();

        JsonNode preview = admin.post("/api/v1/subscriptions/preview?days=7", Map.of(
                "topics", List.of(Story.ICC), "keywords", List.of(), "keywordsMode", "any", "languages", List.of(),
                "mode", "immediate")).expect(200);
        int matched = preview.path("matched").asInt();
        assertTrue(matched > 0, "the seeded ICC stories match: " + preview);
        WebElement heading = browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#subscription-preview h4")));
        assertTrue(heading.getText().startsWith("Preview: " + matched + " of "), heading.getText());
        assertTrue(text(By.id("subscription-preview")).contains(ICC_STORY), "the preview lists the stories");

        driver().findElement(By.id("sub-name")).sendKeys("Legal team: ICC sanctions");
        driver().findElement(By.id("sub-url")).sendKeys(STACK.webhooks().url(HOOK));
        driver().findElement(By.id("create-subscription")).click();
        WebElement secret = browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("webhook-secret")));
        String shown = secret.getAttribute("value");
        assertTrue(shown.startsWith("whsec_"), shown);
        assertTrue(text(By.id("subscription-created")).contains("shown only this once"));
        assertTrue(text(By.id("subscription-created")).contains("webhook-signature"), "how to verify is explained");
        assertFalse(driver().findElements(By.xpath("//section[@id='subscription-created']//button[.='Copy']"))
                .isEmpty(), "a copy button");
        // The receiver checks every signature with the secret the page showed.
        STACK.webhooks().trust(HOOK, shown);
        assertTrue(driver().findElement(By.cssSelector("input[name=channelType][value=webhook]")).isSelected(),
                "the form is back to its defaults for the next one");

        JsonNode stored = findSubscription("Legal team: ICC sanctions");
        subscriptionId = stored.path("id").asText();
        assertEquals(List.of(Story.ICC), List.of(stored.path("topics").get(0).asText()));
        assertFalse(stored.has("secret"), "the API never shows the secret again");
        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#subscription-table tr[data-id='" + subscriptionId + "']")));

        clickInRow(subscriptionId, "Pause");
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> "paused".equals(findSubscription("Legal team: ICC sanctions").path("status").asText()));
        browser.waitUntil(d -> rowText(subscriptionId).contains("paused"));
        clickInRow(subscriptionId, "Resume");
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> "active".equals(findSubscription("Legal team: ICC sanctions").path("status").asText()));
        browser.waitUntil(d -> rowText(subscriptionId).contains("active"));
        assertAccessible("subscriptions");
        browser.screenshot("dashboard-subscriptions");
    }

    @Test
    @Order(6)
    void aStoryPublishedIntoThePipelineAppearsLiveWithAHostileTitleShownAsText() {
        driver().findElement(By.linkText("Stories")).click();
        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#live-status[data-state='live']")));
        int before = shownStoryIds().size();

        // Live updates paused (WCAG 2.2.2): the story waits behind a notice until the reader asks for it.
        driver().findElement(By.id("pause-live")).click();
        addFeed("/dashboard-desk.rss", "dashboard-desk.rss", "item-hostile-title.rss");
        WebElement held = browser.waitUntil(PIPELINE,
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".new-banner")));
        assertTrue(held.getText().startsWith("1 new story held"), held.getText());
        assertEquals(before, shownStoryIds().size(), "nothing moved while paused");
        held.findElement(By.tagName("button")).click();
        WebElement story = browser.waitUntil(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#story-list .story.is-new")));
        String title = story.findElement(By.tagName("h3")).getText();
        assertTrue(title.startsWith(HOSTILE_PREFIX), "the markup in the title is shown as text: " + title);
        assertEquals(0L, script("return document.querySelectorAll('#story-list script, #story-list img').length"),
                "no element was made of it");
        assertEquals(true, script("return window.pwned === undefined"), "and nothing of it ran");
        assertFalse(story.findElements(By.cssSelector("h3 mark")).isEmpty(), "its evidence is highlighted live");
        assertTrue(story.getText().contains("NEW"), "a new story is marked as new");
        assertEquals(before + 1, shownStoryIds().size(), "no reload: the list grew by one");
        browser.screenshot("dashboard-live");

        // The subscription made in the page is told too, signed with the secret the page showed once.
        Awaitility.await("the webhook of the subscription made in the page").atMost(PIPELINE)
                .until(() -> STACK.webhooks().receivedBy(HOOK).size() == 1);
        assertTrue(STACK.webhooks().receivedBy(HOOK).get(0).title().startsWith(HOSTILE_PREFIX));
        assertEquals(List.of(), STACK.webhooks().rejected(), "every signature verified");

        driver().findElement(By.linkText("Subscriptions")).click();
        clickInRow(subscriptionId, "Delivery log");
        browser.waitUntil(d -> d.findElement(By.id("delivery-log")).getText().contains("delivered"));
        assertTrue(text(By.id("delivery-log")).contains(HOSTILE_PREFIX), "the log names the story by its title");

        clickInRow(subscriptionId, "Delete");
        driver().switchTo().alert().accept();
        browser.waitUntil(ExpectedConditions.invisibilityOfElementLocated(
                By.cssSelector("tr[data-id='" + subscriptionId + "']")));
        assertEquals(404, admin.get("/api/v1/subscriptions/" + subscriptionId).status(), "deleted");
    }

    @Test
    @Order(7)
    void anAdministratorSeesFailingFeedsFirstAddsAFeedImportsOpmlAndManagesKeys() throws IOException {
        JsonNode failing = admin.post("/api/v1/feeds", Map.of("url", STACK.feeds().url("/gone.rss"))).expect(201);
        String failingId = failing.path("id").asText();
        Awaitility.await("the missing feed polled").atMost(PIPELINE).until(() -> "failing".equals(
                admin.get("/api/v1/feeds/" + failingId).expect(200).path("health").path("status").asText()));

        driver().findElement(By.linkText("Feeds")).click();
        WebElement first = browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#feed-table tbody tr")));
        assertEquals(failingId, first.getAttribute("data-id"), "the failing feed comes first");
        assertTrue(first.getText().contains("failing") && first.getText().contains("NOT_FOUND"), first.getText());

        STACK.feeds().serve("/added-in-page.rss", "dashboard-desk.rss");
        driver().findElement(By.id("feed-url")).sendKeys(STACK.feeds().url("/added-in-page.rss"));
        driver().findElement(By.cssSelector("#add-feed-form button[type=submit]")).click();
        browser.waitUntil(d -> d.findElement(By.cssSelector("#add-feed-form .form-result")).getText()
                .startsWith("Added"));
        assertTrue(feedUrls().contains(STACK.feeds().url("/added-in-page.rss")));

        STACK.feeds().serve("/from-opml.rss", "dashboard-desk.rss");
        Path opml = Files.createTempFile("newswatch-dashboard", ".opml");
        Files.writeString(opml, """
                <?xml version="1.0" encoding="UTF-8"?>
                <opml version="2.0"><head><title>NGO reading list</title></head><body>
                  <outline text="From OPML" type="rss" xmlUrl="%s"/>
                </body></opml>
                """.formatted(STACK.feeds().url("/from-opml.rss")));
        driver().findElement(By.id("opml-file")).sendKeys(opml.toString());
        driver().findElement(By.cssSelector("#import-form button[type=submit]")).click();
        browser.waitUntil(d -> d.findElement(By.cssSelector("#import-form .form-result")).getText()
                .startsWith("Imported"));
        assertTrue(feedUrls().contains(STACK.feeds().url("/from-opml.rss")), "the OPML's feed was added");
        Files.delete(opml);
        assertAccessible("feeds");
        browser.screenshot("dashboard-feeds");

        driver().findElement(By.linkText("API keys")).click();
        browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("key-name"))).sendKeys("Field office");
        new Select(driver().findElement(By.id("key-role"))).selectByValue("reader");
        driver().findElement(By.cssSelector("#create-key-form button[type=submit]")).click();
        WebElement newKey = browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("new-api-key")));
        String readerKey = newKey.getAttribute("value");
        assertTrue(readerKey.startsWith("nwk_"), readerKey);
        assertEquals("reader", STACK.api(readerKey).get("/api/v1/keys/current").expect(200).path("role").asText(),
                "the key shown works");

        // The reader key in a fresh session sees the stories only.
        driver().findElement(By.id("forget-key")).click();
        browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")));
        assertEquals(null, script("return sessionStorage.getItem('newswatch.apiKey')"), "the key is forgotten");
        signIn(readerKey);
        assertEquals(List.of("Stories"), navigation(), "a reader sees the stories and nothing to administer");
        browser.open(STACK.gatewayUrl() + "/?view=feeds");
        browser.waitUntil(d -> !shownStoryIds().isEmpty());
        assertTrue(driver().findElements(By.id("feed-table")).isEmpty(), "a reader's ?view=feeds shows stories");
        assertEquals(List.of(), browser.consoleErrors());
    }

    @Test
    @Order(8)
    void thePageWorksOnAPhone375PixelsWide() {
        browser.resize(HeadlessChromium.PHONE);
        browser.open(STACK.gatewayUrl() + "/");
        browser.waitUntil(d -> !shownStoryIds().isEmpty());
        assertEquals(375L, script("return window.innerWidth"));
        assertTrue((Long) script("return document.documentElement.scrollWidth") <= 375,
                "nothing is wider than the screen");
        WebElement filters = driver().findElement(By.cssSelector("details.filter-box"));
        assertEquals(null, filters.getAttribute("open"), "the filters are folded on a phone");
        for (WebElement story : driver().findElements(By.cssSelector("#story-list .story"))) {
            assertTrue(story.getRect().getWidth() <= 375, "a story fits the screen");
        }
        filters.findElement(By.tagName("summary")).click();
        assertTrue(driver().findElement(By.id("filter-q")).isDisplayed(), "and open with a tap");
        assertAccessible("phone layout");
        browser.screenshot("dashboard-phone");
        assertEquals(List.of(), browser.consoleErrors());
        browser.resize(HeadlessChromium.DESKTOP);
    }

    @Test
    @Order(9)
    void whenTheGatewayRestartsThePageReconnectsAndMissesNoStory() {
        browser.open(STACK.gatewayUrl() + "/");
        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#live-status[data-state='live']")));
        int before = shownStoryIds().size();

        STACK.gateway().stop();
        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#live-status[data-state='waiting']")));
        assertTrue(text(By.id("live-status")).contains("Reconnecting"), "the reader sees the connection is lost");
        // A story flagged while the gateway is away: the gateway projects it when it is back, and the stream
        // replays it to the page after the reconnect.
        STACK.feeds().serve("/dashboard-desk.rss", "dashboard-desk.rss", "item-hostile-title.rss",
                "item-judicial-overhaul.rss");
        pollFeed(STACK.feeds().url("/dashboard-desk.rss"));
        STACK.gateway().start();
        STACK.gateway().awaitReady(PIPELINE);

        browser.waitUntil(PIPELINE,
                ExpectedConditions.presenceOfElementLocated(By.cssSelector("#live-status[data-state='live']")));
        WebElement story = browser.waitUntil(PIPELINE, d ->
                d.findElements(By.cssSelector("#story-list .story.is-new")).stream()
                        .filter(s -> s.getText().contains("judicial overhaul")).findFirst().orElse(null));
        assertTrue(story.isDisplayed());
        assertEquals(before + 1, shownStoryIds().size(), "the missed story once, nothing twice");
    }

    private static void addFeed(String path, String fixture, String... extraItems) {
        STACK.feeds().serve(path, fixture, extraItems);
        admin.post("/api/v1/feeds", Map.of("url", STACK.feeds().url(path))).expect(201);
    }

    /** Asks the collector (directly: the gateway may be down) to poll the feed at {@code url} now. */
    private static void pollFeed(String url) {
        ApiClient collector = new ApiClient(STACK.collector().baseUrl(), STACK.serviceKey());
        for (JsonNode feed : collector.get("/api/v1/feeds?limit=100").expect(200).path("items")) {
            if (feed.path("url").asText().equals(url)) {
                collector.postEmpty("/api/v1/feeds/" + feed.path("id").asText() + "/poll").expect(202);
                return;
            }
        }
        throw new AssertionError("no feed " + url);
    }

    /** axe-core's WCAG 2.1 A and AA rules (contrast included) find nothing on the page as it is now. */
    private static void assertAccessible(String view) {
        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
                .analyze(driver());
        assertFalse(results.isErrored(), () -> "axe-core could not run: " + results.getErrorMessage());
        assertTrue(results.getPasses().stream().anyMatch(rule -> rule.getId().equals("color-contrast")),
                () -> "axe-core checked the contrast of the " + view + ": " + results.getPasses().stream()
                        .map(Rule::getId).toList());
        List<Rule> violations = results.getViolations();
        List<String> found = violations.stream().map(rule -> rule.getId() + " (" + rule.getImpact() + "): "
                + rule.getHelp() + " at " + rule.getNodes().stream().map(node -> String.valueOf(node.getTarget()))
                .toList()).toList();
        assertEquals(List.of(), found, "WCAG 2.1 AA violations in the " + view);
    }

    private static WebDriver driver() {
        return browser.driver();
    }

    private static Object script(String code) {
        return ((JavascriptExecutor) driver()).executeScript(code);
    }

    private static String text(By locator) {
        return driver().findElement(locator).getText();
    }

    private static void signIn(String key) {
        WebElement input = driver().findElement(By.id("api-key"));
        input.clear();
        input.sendKeys(key);
        driver().findElement(By.cssSelector("#key-form button[type=submit]")).click();
        browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("stories-view")));
        browser.waitUntil(d -> !shownStoryIds().isEmpty());
    }

    private static List<String> navigation() {
        return driver().findElements(By.cssSelector("#sections a")).stream().map(WebElement::getText).toList();
    }

    private static List<String> shownStoryIds() {
        return driver().findElements(By.cssSelector("#story-list > li.story")).stream()
                .map(story -> story.getAttribute("data-id")).toList();
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    private static WebElement storyTitled(String title) {
        return driver().findElements(By.cssSelector("#story-list > li.story")).stream()
                .filter(story -> story.findElement(By.tagName("h3")).getText().equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError("no story titled " + title));
    }

    private static JsonNode findSubscription(String name) {
        for (JsonNode subscription : admin.get("/api/v1/subscriptions?limit=200").expect(200).path("items")) {
            if (subscription.path("name").asText().equals(name)) {
                return subscription;
            }
        }
        throw new AssertionError("no subscription named " + name);
    }

    private static void clickInRow(String id, String button) {
        WebElement row = browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("tr[data-id='" + id + "']")));
        row.findElement(By.xpath(".//button[.='" + button + "']")).click();
    }

    private static String rowText(String id) {
        return driver().findElement(By.cssSelector("tr[data-id='" + id + "']")).getText();
    }

    private static List<String> feedUrls() {
        List<String> urls = new ArrayList<>();
        admin.get("/api/v1/feeds?limit=200").expect(200).path("items").forEach(f -> urls.add(f.path("url").asText()));
        return urls;
    }
}
