package org.newswatch.alert.subscription;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.newswatch.alert.secret.SubscriptionSecrets;
import org.newswatch.alert.secret.WebhookSecret;
import org.newswatch.testkit.WithTestInfrastructure;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;

/** The subscription API against the real database: CRUD, ownership, authentication and secrets. */
@QuarkusTest
@WithTestInfrastructure
class SubscriptionResourceTest {

    @Inject
    DataSource dataSource;

    @Inject
    SubscriptionSecrets secrets;

    private static String owner() {
        return "user-" + UUID.randomUUID();
    }

    private record Webhook(String id, String secret) {
    }

    private static Webhook createWebhook(String owner) {
        var created = Api.as(owner).body(Api.webhook("https://127.0.0.1/hook")).post(Api.PATH).then().statusCode(201)
                .extract();
        return new Webhook(created.path("id"), created.path("secret"));
    }

    private static String create(String owner, String body) {
        return Api.as(owner).body(body).post(Api.PATH).then().statusCode(201).extract().path("id");
    }

    @Test
    void createsAWebhookSubscriptionAndShowsItsSecretOnlyInTheAnswer() {
        String owner = owner();
        ValidatableResponse created = Api.as(owner).body("""
                {"name": "ICC", "topics": ["icc-sanctions", "judicial-independence"], "minScore": 0.7,
                 "keywords": ["sanctions", "\\"Rome Statute\\""], "keywordsMode": "all", "languages": ["fr", "en-GB"],
                 "sources": ["lemonde.fr"], "channel": {"type": "webhook", "url": "http://127.0.0.1:9/hook"},
                 "mode": "immediate"}
                """).post(Api.PATH).then()
                .statusCode(201)
                .header("Location", containsString("/api/v1/subscriptions/"))
                .body("id", notNullValue())
                .body("owner", equalTo(owner))
                .body("topics", contains("icc-sanctions", "judicial-independence"))
                .body("keywords", contains("sanctions", "\"Rome Statute\""))
                .body("keywordsMode", equalTo("all"))
                .body("minScore", equalTo(0.7f))
                .body("languages", contains("fr", "en-GB"))
                .body("channel.type", equalTo("webhook"))
                .body("channel.url", equalTo("http://127.0.0.1:9/hook"))
                .body("mode", equalTo("immediate"))
                .body("status", equalTo("active"))
                .body("secret", matchesPattern("whsec_[A-Za-z0-9+/]+={0,2}"));
        String id = created.extract().path("id");
        String secret = created.extract().path("secret");
        assertEquals(32, Base64.getDecoder().decode(secret.substring("whsec_".length())).length);

        Api.as(owner).get(Api.PATH + "/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("secret", nullValue()).body("name", equalTo("ICC"));
        Api.as(owner).get(Api.PATH).then().statusCode(200).body("items.secret", not(hasItem(notNullValue())));
        Api.as(owner).body("{\"name\": \"renamed\"}").patch(Api.PATH + "/" + id).then().statusCode(200)
                .body("secret", nullValue());
        assertEquals(List.of(new WebhookSecret(secret)), secrets.signingSecretsOf(UUID.fromString(id)));
    }

    @Test
    void storesTheSecretEncryptedNeverInPlain() throws SQLException {
        Webhook created = createWebhook(owner());
        String id = created.id();
        String secret = created.secret();
        String stored = column(id, "webhook_secret");
        assertTrue(stored.startsWith("v1:"), stored.substring(0, 3));
        assertFalse(stored.contains(secret.substring(6)), "the stored value contains the secret");
        assertFalse(stored.contains(secret.substring(6, 20)), "the stored value contains part of the secret");
    }

    @Test
    void rotationShowsTheNewSecretOnceAndBothSignDuringTheOverlap() throws SQLException {
        String owner = owner();
        Webhook created = createWebhook(owner);
        String id = created.id();
        String first = created.secret();

        ValidatableResponse rotated = Api.as(owner).post(Api.PATH + "/" + id + "/secret/rotate").then().statusCode(200)
                .body("secret", startsWith("whsec_")).body("previousSecretExpiresAt", notNullValue());
        String second = rotated.extract().path("secret");
        assertFalse(second.equals(first));
        assertEquals(List.of(new WebhookSecret(second), new WebhookSecret(first)),
                secrets.signingSecretsOf(UUID.fromString(id)));
        assertTrue(column(id, "webhook_previous_secret").startsWith("v1:"));

        // When the overlap is over, only the new secret signs.
        execute("UPDATE subscription SET webhook_previous_secret_expires_at = now() - interval '1 second' WHERE id = ?::uuid",
                id);
        assertEquals(List.of(new WebhookSecret(second)), secrets.signingSecretsOf(UUID.fromString(id)));

        // A second rotation drops the oldest secret.
        String third = Api.as(owner).post(Api.PATH + "/" + id + "/secret/rotate").then().statusCode(200)
                .extract().path("secret");
        assertEquals(List.of(new WebhookSecret(third), new WebhookSecret(second)),
                secrets.signingSecretsOf(UUID.fromString(id)));
    }

    @Test
    void aSecretCopiedToAnotherRowDoesNotDecrypt() throws SQLException {
        String owner = owner();
        String a = create(owner, Api.webhook("https://127.0.0.1/a"));
        String b = create(owner, Api.webhook("https://127.0.0.1/b"));
        execute("UPDATE subscription SET webhook_secret = (SELECT webhook_secret FROM subscription WHERE id = ?::uuid)"
                + " WHERE id = ?::uuid", a, b);
        try {
            secrets.signingSecretsOf(UUID.fromString(b));
            throw new AssertionError("a secret bound to another subscription was accepted");
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage().contains("does not authenticate"), e.getMessage());
        }
    }

    @Test
    void rotatingAnEmailSubscriptionIsRefused() {
        String owner = owner();
        String id = create(owner, """
                {"topics": ["icc-sanctions"], "channel": {"type": "email", "address": "staff@example.org"}}
                """);
        Api.as(owner).post(Api.PATH + "/" + id + "/secret/rotate").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("e-mail"));
    }

    @Test
    void createsAnEmailDigestSubscriptionThatStartsUnconfirmed() throws SQLException {
        String owner = owner();
        String id = Api.as(owner).body("""
                {"topics": ["judicial-independence"], "channel": {"type": "email", "address": "Staff@Example.ORG"},
                 "mode": "digest", "digest": {"frequency": "daily", "hour": 7, "timeZone": "Europe/Paris"}}
                """).post(Api.PATH).then().statusCode(201)
                .body("secret", nullValue())
                .body("name", equalTo("judicial-independence"))
                .body("channel.address", equalTo("Staff@example.org"))
                .body("channel.confirmed", equalTo(false))
                .body("channel.unsubscribed", equalTo(false))
                .body("mode", equalTo("digest"))
                .body("digest.frequency", equalTo("daily"))
                .body("digest.hour", equalTo(7))
                .body("digest.timeZone", equalTo("Europe/Paris"))
                .extract().path("id");
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT sb.email, sb.confirmed_at, sb.confirmation_nonce, sb.confirmation_sent_at, s.webhook_secret
                  FROM subscription s JOIN subscriber sb ON sb.id = s.subscriber_id WHERE s.id = ?::uuid""")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("Staff@example.org", rs.getString(1));
                assertNull(rs.getTimestamp(2), "confirmed_at");
                assertEquals(43, rs.getString(3).length(), "a 32-byte base64url nonce for the confirmation link");
                assertNull(rs.getTimestamp(4), "confirmation_sent_at: a confirmation mail is due");
                assertNull(rs.getString(5), "an e-mail subscription has no secret");
            }
        }
        // A second subscription to the same address shares the subscriber and its confirmation state.
        String second = create(owner, """
                {"topics": ["icc-sanctions"], "channel": {"type": "email", "address": "Staff@example.org"}}""");
        assertEquals(subscriberOf(id), subscriberOf(second));
    }

    @Test
    void anAddressThatUnsubscribedStartsItsOptInOverWhenSubscribedAgain() throws SQLException {
        String owner = owner();
        String body = "{\"topics\": [\"icc-sanctions\"], \"channel\": {\"type\": \"email\", \"address\": \"back@example.org\"}}";
        String first = create(owner, body);
        String subscriber = subscriberOf(first);
        execute("UPDATE subscriber SET confirmed_at = now(), confirmation_sent_at = now() WHERE id = ?::uuid", subscriber);
        Api.as(owner).get(Api.PATH + "/" + first).then().body("channel.confirmed", equalTo(true));
        String nonce = column(first, "(SELECT confirmation_nonce FROM subscriber WHERE id = subscriber_id)");

        // Confirmed and subscribed: a further subscription to the address needs no new confirmation.
        String second = create(owner, body);
        Api.as(owner).get(Api.PATH + "/" + second).then().body("channel.confirmed", equalTo(true));

        execute("UPDATE subscriber SET unsubscribed_at = now() WHERE id = ?::uuid", subscriber);
        Api.as(owner).get(Api.PATH + "/" + first).then().body("channel.unsubscribed", equalTo(true));
        String third = create(owner, body);
        Api.as(owner).get(Api.PATH + "/" + third).then()
                .body("channel.confirmed", equalTo(false)).body("channel.unsubscribed", equalTo(false));
        assertNull(column(third, "(SELECT confirmation_sent_at FROM subscriber WHERE id = subscriber_id)::text"),
                "a confirmation mail is due again");
        assertFalse(nonce.equals(column(third, "(SELECT confirmation_nonce FROM subscriber WHERE id = subscriber_id)")),
                "links of the earlier confirmation no longer work");
    }

    @Test
    void hourlyDigestsHaveNoHourAndDefaultsApply() {
        String owner = owner();
        Api.as(owner).body("""
                {"topics": ["icc-sanctions"], "channel": {"type": "email", "address": "a@example.org"},
                 "mode": "digest", "digest": {"frequency": "hourly", "timeZone": "Asia/Kolkata"}}
                """).post(Api.PATH).then().statusCode(201)
                .body("digest.frequency", equalTo("hourly")).body("digest.hour", nullValue());
        Api.as(owner).body("""
                {"topics": ["icc-sanctions"], "channel": {"type": "email", "address": "a@example.org"}, "mode": "digest"}
                """).post(Api.PATH).then().statusCode(201)
                .body("digest.frequency", equalTo("daily")).body("digest.hour", equalTo(8))
                .body("digest.timeZone", equalTo("UTC"))
                .body("minScore", equalTo(0.5f)).body("keywordsMode", equalTo("any"))
                .body("keywords", hasSize(0)).body("languages", hasSize(0)).body("sources", hasSize(0));
    }

    @Test
    void updatesWithPatchAndKeepsWhatIsLeftOut() {
        String owner = owner();
        String id = create(owner, """
                {"topics": ["icc-sanctions"], "keywords": ["sanctions"], "channel": {"type": "email", "address": "a@example.org"},
                 "mode": "digest", "digest": {"frequency": "daily", "hour": 6, "timeZone": "Europe/Madrid"}}""");
        Api.as(owner).body("""
                {"minScore": 0.9, "digest": {"hour": 18}, "languages": ["es"]}
                """).patch(Api.PATH + "/" + id).then().statusCode(200)
                .body("minScore", equalTo(0.9f)).body("languages", contains("es"))
                .body("keywords", contains("sanctions"))
                .body("digest.hour", equalTo(18)).body("digest.timeZone", equalTo("Europe/Madrid"));
        // null restores a default; switching to immediate drops the digest.
        Api.as(owner).body("""
                {"keywords": null, "mode": "immediate"}
                """).patch(Api.PATH + "/" + id).then().statusCode(200)
                .body("keywords", hasSize(0)).body("mode", equalTo("immediate")).body("digest", nullValue());
        Api.as(owner).body("""
                {"channel": {"type": "webhook", "url": "https://127.0.0.1/x"}}
                """).patch(Api.PATH + "/" + id).then().statusCode(400)
                .body("errors.field", hasItem("channel.type"));
        Api.as(owner).body("{\"owner\": \"someone-else\"}").patch(Api.PATH + "/" + id).then().statusCode(400)
                .body("errors.field", hasItem("owner"));
        Api.as(owner).body("{\"minScore\": 2}").patch(Api.PATH + "/" + id).then().statusCode(400)
                .body("errors[0].field", equalTo("minScore"));
        Api.as(owner).get(Api.PATH + "/" + id).then().body("minScore", equalTo(0.9f));
    }

    @Test
    void pausesResumesAndDeletes() throws SQLException {
        String owner = owner();
        String id = create(owner, Api.webhook("https://127.0.0.1/p"));
        Api.as(owner).post(Api.PATH + "/" + id + "/pause").then().statusCode(200).body("status", equalTo("paused"));
        Api.as(owner).post(Api.PATH + "/" + id + "/resume").then().statusCode(200).body("status", equalTo("active"));

        // A subscription the delivery worker disabled shows why, and resumes.
        execute("UPDATE subscription SET status = 'disabled', disabled_reason = 'endpoint failing for 5 days' "
                + "WHERE id = ?::uuid", id);
        Api.as(owner).get(Api.PATH + "/" + id).then().body("status", equalTo("disabled"))
                .body("disabledReason", equalTo("endpoint failing for 5 days"));
        Api.as(owner).post(Api.PATH + "/" + id + "/resume").then().statusCode(200).body("status", equalTo("active"))
                .body("disabledReason", nullValue());

        Api.as(owner).delete(Api.PATH + "/" + id).then().statusCode(204);
        Api.as(owner).get(Api.PATH + "/" + id).then().statusCode(404).contentType("application/problem+json");
        Api.as(owner).delete(Api.PATH + "/" + id).then().statusCode(404);
    }

    @Test
    void ownersSeeOnlyTheirOwnSubscriptions() {
        String alice = owner();
        String bob = owner();
        String alices = create(alice, Api.webhook("https://127.0.0.1/alice"));
        String bobs = create(bob, Api.webhook("https://127.0.0.1/bob"));

        Api.as(bob).get(Api.PATH + "/" + alices).then().statusCode(404)
                .body("status", equalTo(404)).body("title", equalTo("Not Found"))
                .body("type", equalTo("urn:newswatch:problem:not-found"));
        Api.as(bob).body("{\"name\": \"mine now\"}").patch(Api.PATH + "/" + alices).then().statusCode(404);
        Api.as(bob).post(Api.PATH + "/" + alices + "/pause").then().statusCode(404);
        Api.as(bob).post(Api.PATH + "/" + alices + "/resume").then().statusCode(404);
        Api.as(bob).post(Api.PATH + "/" + alices + "/secret/rotate").then().statusCode(404);
        Api.as(bob).post(Api.PATH + "/" + alices + "/preview").then().statusCode(404);
        Api.as(bob).delete(Api.PATH + "/" + alices).then().statusCode(404);
        Api.as(bob).get(Api.PATH).then().statusCode(200).body("items.id", contains(bobs));
        Api.as(alice).get(Api.PATH + "/" + alices).then().statusCode(200).body("name", equalTo("ICC alerts"));

        // An administrator sees both and acts on either.
        Api.admin().get(Api.PATH + "/" + alices).then().statusCode(200).body("owner", equalTo(alice));
        Api.admin().get(Api.PATH + "/" + bobs).then().statusCode(200).body("owner", equalTo(bob));
    }

    @Test
    void anAdministratorNamesTheOwnerAndAnOwnerCannotNameAnother() {
        String owner = owner();
        Api.admin().body(Api.webhook("https://127.0.0.1/a")).post(Api.PATH).then().statusCode(400)
                .body("errors.field", contains("owner"));
        Api.admin().body("""
                {"owner": "%s", "topics": ["icc-sanctions"], "channel": {"type": "webhook", "url": "https://127.0.0.1/a"}}
                """.formatted(owner)).post(Api.PATH).then().statusCode(201).body("owner", equalTo(owner));
        Api.as(owner).body("""
                {"owner": "someone-else", "topics": ["icc-sanctions"], "channel": {"type": "webhook", "url": "https://127.0.0.1/a"}}
                """).post(Api.PATH).then().statusCode(400).body("errors.field", contains("owner"));
        Api.as(" ").get(Api.PATH).then().statusCode(400).body("detail", containsString("X-Newswatch-Owner"));
    }

    @Test
    void everyEndpointNeedsTheServiceKey() {
        String id = create(owner(), Api.webhook("https://127.0.0.1/k"));
        List<ValidatableResponse> answers = new ArrayList<>();
        answers.add(given().contentType("application/json").body(Api.webhook("https://127.0.0.1/k")).post(Api.PATH).then());
        answers.add(given().get(Api.PATH).then());
        answers.add(given().get(Api.PATH + "/" + id).then());
        answers.add(given().contentType("application/json").body("{}").patch(Api.PATH + "/" + id).then());
        answers.add(given().delete(Api.PATH + "/" + id).then());
        answers.add(given().post(Api.PATH + "/" + id + "/pause").then());
        answers.add(given().post(Api.PATH + "/" + id + "/resume").then());
        answers.add(given().post(Api.PATH + "/" + id + "/secret/rotate").then());
        answers.add(given().post(Api.PATH + "/" + id + "/preview").then());
        answers.add(given().contentType("application/json").body("{}").post(Api.PATH + "/preview").then());
        answers.add(given().header("Authorization", "Bearer wrong-key").get(Api.PATH).then());
        for (ValidatableResponse answer : answers) {
            answer.statusCode(401).contentType("application/problem+json").body("status", equalTo(401))
                    .body("type", equalTo("urn:newswatch:problem:unauthorized"))
                    .header("WWW-Authenticate", containsString("Bearer"));
        }
        Api.admin().get(Api.PATH + "/" + id).then().statusCode(200);
    }

    @Test
    void listsPageByPageWithACursor() {
        String owner = owner();
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            created.add(create(owner, Api.webhook("https://127.0.0.1/page" + i)));
        }
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = Api.as(owner).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get(Api.PATH).then().statusCode(200).extract();
            List<String> ids = page.path("items.id");
            seen.addAll(ids);
            cursor = page.path("nextCursor");
            pages++;
        } while (cursor != null);
        assertEquals(created, seen);
        assertEquals(3, pages, "5 items at 2 a page");

        Api.as(owner).queryParam("limit", 10).get(Api.PATH).then().body("items", hasSize(5))
                .body("nextCursor", nullValue());
        Api.as(owner).queryParam("cursor", "not-a-cursor").get(Api.PATH).then().statusCode(400)
                .body("detail", containsString("cursor"));
        Api.as(owner).queryParam("limit", 0).get(Api.PATH).then().statusCode(400);
        Api.as(owner).queryParam("limit", 100_000).get(Api.PATH).then().statusCode(400);
    }

    /** A column of a subscription's row as stored. */
    private String column(String id, String column) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + column + " FROM subscription WHERE id = ?::uuid")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                return rs.getString(1);
            }
        }
    }

    private String subscriberOf(String id) throws SQLException {
        return column(id, "subscriber_id");
    }

    private void execute(String sql, String... parameters) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            s.executeUpdate();
        }
    }
}
