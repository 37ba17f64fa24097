package org.newswatch.alert.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.newswatch.alert.config.FixedAlertConfig;
import org.newswatch.problem.Problem.FieldError;
import org.newswatch.security.OutboundUrlGuard;

/**
 * Outside the local and test profiles, webhook URLs that resolve to private, loopback, link-local or metadata
 * addresses are refused when a subscription is created. The guard runs here as in production, with a fixed
 * resolver instead of DNS so that nothing leaves the machine.
 */
class WebhookUrlValidationTest {

    private static final Map<String, String> DNS = Map.of(
            "hooks.ngo.example", "93.184.216.34",
            "intranet.ngo.example", "10.1.2.3",
            "metadata.cloud.example", "169.254.169.254",
            "sneaky.example", "127.0.0.1");

    private final SubscriptionValidator validator = new SubscriptionValidator(
            FixedAlertConfig.withSecretKey(null), new OutboundUrlGuard(false, WebhookUrlValidationTest::resolve));

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String address = DNS.get(host);
        if (address == null) {
            // Literal addresses resolve to themselves without DNS.
            if (host.matches("[0-9.]+") || host.contains(":")) {
                return new InetAddress[] {InetAddress.getByName(host)};
            }
            throw new UnknownHostException(host);
        }
        return new InetAddress[] {InetAddress.getByName(address)};
    }

    private List<FieldError> validate(String url) {
        SubscriptionDraft draft = new SubscriptionDraft();
        draft.topics = List.of("icc-sanctions");
        draft.channelType = "webhook";
        draft.channelUrl = url;
        List<FieldError> errors = new ArrayList<>();
        NewSubscription subscription = validator.validate(draft, UUID.randomUUID(), "owner", true, errors);
        if (errors.isEmpty()) {
            assertNotNull(subscription);
            assertEquals(url, subscription.channelTarget());
        }
        return errors;
    }

    @ParameterizedTest
    @CsvSource({
            "https://127.0.0.1/hook, loopback",
            "http://10.0.0.8:8080/hook, private",
            "https://intranet.ngo.example/hook, private",
            "http://169.254.169.254/latest/meta-data/, link-local",
            "https://metadata.cloud.example/, link-local",
            "https://sneaky.example/hook, loopback",
            "https://[::1]/hook, loopback",
            "https://nowhere.invalid/hook, does not resolve"})
    void refusesUrlsThatDoNotReachThePublicInternet(String url, String reason) {
        List<FieldError> errors = validate(url);
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("channel.url", errors.get(0).field());
        assertTrue(errors.get(0).message().contains(reason), errors.get(0).message());
    }

    @ParameterizedTest
    @CsvSource({"https://hooks.ngo.example/newswatch", "http://93.184.216.34:8443/in"})
    void acceptsPublicUrls(String url) {
        assertEquals(List.of(), validate(url));
    }
}
