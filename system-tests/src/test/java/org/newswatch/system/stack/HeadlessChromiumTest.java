package org.newswatch.system.stack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

import com.sun.net.httpserver.HttpExchange;

/**
 * The browser harness itself, against small pages from a loopback server: what it reports of the console and of
 * the requests, resizing, screenshots, and the message when Chromium is missing. One browser for the class.
 */
class HeadlessChromiumTest {

    // A data: icon, so that the browser does not ask for /favicon.ico (a 404 would be a console error).
    private static final String HEAD = "<!doctype html><html><head><meta charset=\"utf-8\">"
            + "<link rel=\"icon\" href=\"data:,\"><title>harness</title>";

    private static final Map<String, String> PAGES = Map.of(
            "/clean.html", HEAD + "<script src=\"/clean.js\"></script></head><body><p id=\"state\">loading</p></body></html>",
            "/clean.js", "addEventListener('DOMContentLoaded', () => {"
                    + " document.getElementById('state').textContent = 'ready'; });",
            "/errors.html", HEAD + "</head><body><p>errors</p>"
                    + "<script>console.error('dashboard broke');</script>"
                    + "<script>throw new Error('uncaught boom');</script></body></html>",
            // Served with a policy that forbids inline scripts (see serve).
            "/csp.html", HEAD + "</head><body><script>document.title = 'ran';</script></body></html>",
            // Another origin on loopback (never the internet). Port 9 is on Chromium's list of unsafe ports: the
            // request is made (and recorded) but never connects.
            "/foreign.html", HEAD + "</head><body><img src=\"http://127.0.0.2:9/x.png\" alt=\"\"></body></html>");

    private static LoopbackHttpServer server;
    private static HeadlessChromium browser;

    @BeforeAll
    static void start() {
        server = new LoopbackHttpServer("/", HeadlessChromiumTest::serve);
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aPageThatLoadsCleanlyHasNoConsoleErrorsAndLoadsOnlyFromItsOrigin() {
        browser.open(server.url("/clean.html"));
        browser.waitUntil(driver -> "ready".equals(driver.findElement(By.id("state")).getText()));

        assertEquals(List.of(), browser.consoleErrors());
        assertEquals(List.of(server.url("/clean.html"), server.url("/clean.js")), browser.requestedUrls());
        assertEquals(List.of(), browser.requestsOutside(server.url("/")));
    }

    @Test
    void consoleErrorsAndUncaughtExceptionsAreReported() {
        browser.open(server.url("/errors.html"));

        List<String> errors = browser.consoleErrors();
        assertTrue(errors.stream().anyMatch(error -> error.contains("dashboard broke")), errors::toString);
        assertTrue(errors.stream().anyMatch(error -> error.contains("Uncaught Error: uncaught boom")), errors::toString);
    }

    @Test
    void aContentSecurityPolicyViolationIsReported() {
        browser.open(server.url("/csp.html"));

        List<String> errors = browser.consoleErrors();
        assertTrue(errors.stream().anyMatch(error -> error.contains("Content Security Policy")), errors::toString);
        assertEquals("harness", browser.driver().getTitle());
    }

    @Test
    void whatIsOpenedBeforeIsForgotten() {
        browser.open(server.url("/errors.html"));
        assertFalse(browser.consoleErrors().isEmpty());

        browser.open(server.url("/clean.html"));
        assertEquals(List.of(), browser.consoleErrors());
        assertFalse(browser.requestedUrls().contains(server.url("/errors.html")), browser.requestedUrls()::toString);
    }

    @Test
    void aRequestToAnotherOriginIsReported() {
        browser.open(server.url("/foreign.html"));

        assertEquals(List.of("http://127.0.0.2:9/x.png"), browser.requestsOutside(server.url("/")));
        assertEquals(List.of(server.url("/foreign.html")), browser.requestsOutside("http://127.0.0.2:9"));
    }

    @Test
    void theViewportIsTheSizeAskedForDesktopAndPhone() {
        browser.open(server.url("/clean.html"));
        assertEquals(List.of(1280L, 900L), viewport());
        try {
            browser.resize(HeadlessChromium.PHONE);
            assertEquals(List.of(375L, 812L), viewport());
        } finally {
            browser.resize(HeadlessChromium.DESKTOP);
        }
        assertEquals(List.of(1280L, 900L), viewport());
    }

    @Test
    void aScreenshotIsAPngOfTheViewport() throws IOException {
        browser.open(server.url("/clean.html"));

        Path file = browser.screenshot("harness-clean");

        assertEquals(Path.of("target", "screenshots", "harness-clean.png").toAbsolutePath(), file);
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        assertArrayEquals(signature, Arrays.copyOf(Files.readAllBytes(file), signature.length));
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(1280, image.getWidth());
        assertEquals(900, image.getHeight());
    }

    @Test
    void aMissingChromiumFailsWithHowToInstallIt() {
        System.setProperty("newswatch.chromium", "/nonexistent/chromium");
        try {
            IllegalStateException missing = assertThrows(IllegalStateException.class, HeadlessChromium::start);
            assertTrue(missing.getMessage().contains("/nonexistent/chromium"), missing::getMessage);
            assertTrue(missing.getMessage().contains("apt-get install chromium chromium-driver"), missing::getMessage);
        } finally {
            System.clearProperty("newswatch.chromium");
        }
    }

    /** window.innerWidth and innerHeight. */
    private static Object viewport() {
        return ((JavascriptExecutor) browser.driver()).executeScript("return [window.innerWidth, window.innerHeight];");
    }

    private static void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String body = PAGES.get(path);
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            String type = path.endsWith(".js") ? "text/javascript" : "text/html";
            exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
            if (path.equals("/csp.html")) {
                exchange.getResponseHeaders().set("Content-Security-Policy", "script-src 'self'");
            }
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }
}
