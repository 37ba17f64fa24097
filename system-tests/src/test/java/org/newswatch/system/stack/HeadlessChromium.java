package org.newswatch.system.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, for tests of what a person sees in a browser:
 * it records the browser console and every URL a page requests, so that a test can assert that a page logged no
 * error and loaded nothing from another origin, and it takes screenshots into {@code target/screenshots/}.
 *
 * <p>Both programs come from the packages {@code chromium} and {@code chromium-driver}; Selenium is pointed at
 * them and never downloads a driver or a browser itself (Selenium Manager is skipped when the driver's path is
 * given). Their paths: the system properties {@code newswatch.chromium} and {@code newswatch.chromedriver}, else
 * the environment variables {@code CHROME_BIN} and {@code CHROMEDRIVER}, else {@code /usr/bin/chromium} and
 * {@code /usr/bin/chromedriver}.
 *
 * <p>What is recorded is read from the browser's logs lazily and kept until the next {@link #open(String)}.
 */
public final class HeadlessChromium implements AutoCloseable {

    /** A desktop viewport, the default. */
    public static final Dimension DESKTOP = new Dimension(1280, 900);
    /** A phone's viewport (375 CSS pixels wide, as most phones are). */
    public static final Dimension PHONE = new Dimension(375, 812);
    /** How long {@link #waitUntil(Function)} waits. */
    public static final Duration WAIT = Duration.ofSeconds(20);

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();
    // Selenium looks for a CDP binding of the browser's version at every start and warns that there is none:
    // none is wanted, nothing here speaks CDP. Held here because the logging keeps its loggers weakly.
    private static final Logger CDP_VERSION_FINDER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    static {
        CDP_VERSION_FINDER.setLevel(Level.SEVERE);
    }

    private final Path userDataDir;
    private final ChromeDriver driver;
    private final List<LogEntry> console = new ArrayList<>();
    private final List<String> requestedUrls = new ArrayList<>();

    private HeadlessChromium(Dimension viewport) {
        Path chromium = executable("newswatch.chromium", "CHROME_BIN", "/usr/bin/chromium", "Chromium");
        Path chromedriver = executable("newswatch.chromedriver", "CHROMEDRIVER", "/usr/bin/chromedriver",
                "chromedriver");
        try {
            userDataDir = Files.createTempDirectory("newswatch-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments(
                "--headless=new",
                // Root in CI, and a container has no user namespaces for the sandbox.
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                // Nothing but the page's own requests: no updates, sync, or calls home.
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                // A small /dev/shm crashes tabs; shared memory goes to /tmp instead.
                "--disable-dev-shm-usage",
                // Straight to 127.0.0.1 even where the environment names a proxy.
                "--no-proxy-server",
                "--user-data-dir=" + userDataDir);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        // Of the performance log only the network events are wanted: the requests a page makes.
        options.setExperimentalOption("perfLoggingPrefs", Map.of("enableNetwork", true, "enablePage", false));
        options.setPageLoadTimeout(WAIT);

        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .withLogFile(Path.of("target", "chromedriver.log").toAbsolutePath().toFile())
                .build();
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            deleteUserDataDir();
            throw e;
        }
        try {
            resize(viewport);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Chromium with the {@link #DESKTOP} viewport. */
    public static HeadlessChromium start() {
        return start(DESKTOP);
    }

    /** Chromium whose page is {@code viewport} large (CSS pixels). */
    public static HeadlessChromium start(Dimension viewport) {
        return new HeadlessChromium(viewport);
    }

    /** The driver, for everything this class does not do itself. */
    public WebDriver driver() {
        return driver;
    }

    /** Forgets the console and the requests recorded so far, then opens {@code url} (and waits for its load). */
    public void open(String url) {
        readLogs();
        console.clear();
        requestedUrls.clear();
        driver.get(url);
    }

    /**
     * Resizes the window so that the page's viewport ({@code window.innerWidth} × {@code innerHeight}, and a
     * screenshot) is {@code viewport}, e.g. {@link #PHONE} for the phone layout.
     */
    public void resize(Dimension viewport) {
        WebDriver.Window window = driver.manage().window();
        window.setSize(viewport);
        // Even headless, the window is larger than its viewport (by 0 × 143 px in Chromium 156): add the difference.
        @SuppressWarnings("unchecked")
        List<Long> inner = (List<Long>) driver.executeScript("return [window.innerWidth, window.innerHeight];");
        int width = 2 * viewport.width - inner.get(0).intValue();
        int height = 2 * viewport.height - inner.get(1).intValue();
        if (width != viewport.width || height != viewport.height) {
            window.setSize(new Dimension(width, height));
        }
    }

    /** Waits at most {@link #WAIT} until {@code condition} returns something other than null or false. */
    public <T> T waitUntil(Function<? super WebDriver, T> condition) {
        return waitUntil(WAIT, condition);
    }

    /** The same with a longer wait, for what goes through the whole pipeline. */
    public <T> T waitUntil(Duration atMost, Function<? super WebDriver, T> condition) {
        return new WebDriverWait(driver, atMost).until(condition);
    }

    /**
     * The console's errors since the last {@link #open(String)}: {@code console.error}, uncaught exceptions,
     * Content Security Policy violations and failed loads, each as Chromium words it (with its source and line).
     */
    public List<String> consoleErrors() {
        readLogs();
        return console.stream().filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    /** Every URL requested since the last {@link #open(String)}, in order: documents, scripts, images, streams. */
    public List<String> requestedUrls() {
        readLogs();
        return List.copyOf(requestedUrls);
    }

    /**
     * The requested URLs whose origin is not {@code origin} (e.g. {@code http://127.0.0.1:8080}; a path after it
     * is ignored). {@code data:} and {@code blob:} URLs load nothing and are left out.
     */
    public List<String> requestsOutside(String origin) {
        String expected = origin(origin);
        return requestedUrls().stream()
                .filter(url -> !url.startsWith("data:") && !url.startsWith("blob:"))
                .filter(url -> !expected.equals(origin(url)))
                .toList();
    }

    /** Writes a screenshot of the viewport to {@code target/screenshots/<name>.png} and returns its path. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png").toAbsolutePath();
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteUserDataDir();
        }
    }

    /** Moves what the browser logged since the last call into the records (reading a log empties it). */
    private void readLogs() {
        console.addAll(driver.manage().logs().get(LogType.BROWSER).getAll());
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            requestedUrl(entry.getMessage()).ifPresent(requestedUrls::add);
        }
    }

    /** The URL of a request in a performance log entry, {"message":{"method":...,"params":{...}}}. */
    private static Optional<String> requestedUrl(String performanceEntry) {
        JsonNode message;
        try {
            message = JSON.readTree(performanceEntry).path("message");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return switch (message.path("method").asText()) {
            case "Network.requestWillBeSent" -> Optional.of(message.path("params").path("request").path("url").asText());
            case "Network.webSocketCreated" -> Optional.of(message.path("params").path("url").asText());
            default -> Optional.empty();
        };
    }

    /** scheme://host:port of an absolute URL, with the scheme's default port made explicit. */
    private static String origin(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return url;
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            return url;
        }
        int port = uri.getPort();
        if (port == -1) {
            port = switch (uri.getScheme().toLowerCase()) {
                case "https", "wss" -> 443;
                default -> 80;
            };
        }
        return uri.getScheme().toLowerCase() + "://" + uri.getHost().toLowerCase() + ":" + port;
    }

    /** The path of a program: from the system property, else the environment variable, else the default. */
    private static Path executable(String property, String environmentVariable, String defaultPath, String what) {
        String configured = System.getProperty(property);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(environmentVariable);
        }
        Path path = Path.of(configured == null || configured.isBlank() ? defaultPath : configured);
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException(what + " not found at " + path + ". The browser tests run Debian's "
                    + "headless Chromium: install it with `apt-get install chromium chromium-driver` (as .ci/run "
                    + "does), or name the program with -D" + property + "=... or " + environmentVariable + ".");
        }
        return path;
    }

    /** Best effort: a temporary directory left behind is no reason to fail a test. */
    private void deleteUserDataDir() {
        try (Stream<Path> files = Files.walk(userDataDir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | UncheckedIOException e) {
            System.err.println("[HeadlessChromium] could not delete " + userDataDir + ": " + e);
        }
    }
}
