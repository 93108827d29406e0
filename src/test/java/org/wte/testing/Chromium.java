package org.wte.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium session for a browser test: Debian's /usr/bin/chromium driven by Debian's
 * /usr/bin/chromedriver (never a driver that Selenium Manager would download), with a fresh profile.
 * Other paths: -Dwte.chromium=… and -Dwte.chromedriver=…. When either is missing the test is skipped with a
 * printed reason, unless -Dwte.requireServices=true (CI), where it fails.
 *
 * <p>Screenshots go to target/screenshots/ (the test's artefacts); a failure saves one named
 * {session name}-FAILED.png and adds the address, the browser's console and the page source to the error.
 */
public final class Chromium implements AutoCloseable {
    public static final Path BINARY = Path.of(System.getProperty("wte.chromium", "/usr/bin/chromium"));
    public static final Path DRIVER = Path.of(System.getProperty("wte.chromedriver", "/usr/bin/chromedriver"));
    public static final Path SCREENSHOTS = Path.of(System.getProperty("wte.screenshots", "target/screenshots"));
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    /**
     * Selenium warns at each start when it has no DevTools module for this Chromium's version; the tests use
     * WebDriver and ChromeDriver's own CDP command only, so that module is not needed. (Kept in a field: a
     * java.util.logging logger without a strong reference may be collected with its level.)
     */
    private static final Logger CDP_VERSION_FINDER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    private final String name;
    private final ChromeDriver driver;
    private final Path profile;
    private final WebDriverWait wait;

    private Chromium(String name, ChromeDriver driver, Path profile) {
        this.name = name;
        this.driver = driver;
        this.profile = profile;
        this.wait = new WebDriverWait(driver, TIMEOUT, Duration.ofMillis(100));
        this.wait.ignoring(StaleElementReferenceException.class);
    }

    /** Skips (or, with wte.requireServices, fails) the calling test when Chromium or its driver is missing. */
    public static void assumeInstalled(String testName) {
        String reason = null;
        if (!Files.isExecutable(BINARY)) {
            reason = "Chromium is not installed at " + BINARY + " (apt-get install chromium)";
        } else if (!Files.isExecutable(DRIVER)) {
            reason = "chromedriver is not installed at " + DRIVER + " (apt-get install chromium-driver)";
        }
        MissingService.skipOrFail(testName, reason);
    }

    /** A new headless browser with a profile of its own (its own cookies: its own user). */
    public static Chromium start(String name) throws IOException {
        // Selenium Manager is never asked: the driver and the browser are both named here.
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, DRIVER.toString());
        CDP_VERSION_FINDER.setLevel(Level.SEVERE);
        Path profile = Files.createTempDirectory("wte-chromium-" + name);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--no-default-browser-check", "--window-size=1366,768",
                "--user-data-dir=" + profile.toAbsolutePath());
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .withSilent(true)
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(20));
        return new Chromium(name, driver, profile);
    }

    public ChromeDriver driver() {
        return driver;
    }

    public String name() {
        return name;
    }

    public void open(String url) {
        driver.get(url);
    }

    public WebElement find(String css) {
        List<WebElement> found = driver.findElements(By.cssSelector(css));
        if (found.isEmpty()) {
            throw fail("no element " + css, null);
        }
        return found.get(0);
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** The link whose visible text is exactly this one (the first if several). */
    public WebElement link(String text) {
        List<WebElement> found = driver.findElements(By.linkText(text));
        if (found.isEmpty()) {
            throw fail("no link “" + text + "”", null);
        }
        return found.get(0);
    }

    /** The submit button whose visible text is this one, inside the element matched by the CSS selector. */
    public WebElement button(String scopeCss, String text) {
        for (WebElement b : driver.findElements(By.cssSelector(scopeCss + " button"))) {
            if (b.getText().strip().equals(text)) {
                return b;
            }
        }
        throw fail("no button “" + text + "” in " + scopeCss, null);
    }

    /**
     * Clicks a link or a submit button and waits until the next page has loaded (not merely until the address
     * matches: a form posted back to its own page has the same one).
     */
    public void go(WebElement element) {
        String what = element.getText();
        js("window.wteLeaving = true;");
        element.click();
        until("the next page after clicking “" + what + "”", d -> {
            try {
                return js("return !window.wteLeaving && document.readyState === 'complete';") == Boolean.TRUE ? true : null;
            } catch (WebDriverException e) {
                return null; // between two documents
            }
        });
    }

    public void type(String css, String text) {
        WebElement input = find(css);
        input.clear();
        input.sendKeys(text);
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Waits until the condition holds (or gives a non-null, non-false value), failing with what it waited for. */
    public <T> T until(String what, Function<WebDriver, T> condition) {
        try {
            return wait.until(condition);
        } catch (TimeoutException e) {
            throw fail("waited " + TIMEOUT.toSeconds() + " s for " + what, e);
        }
    }

    /** Waits for a page whose path matches the regular expression (after a click that navigates). */
    public String untilPath(String regex) {
        return until("an address matching " + regex, d -> {
            String url = d.getCurrentUrl();
            String path = url.replaceFirst("^https?://[^/]+", "").replaceFirst("[?#].*$", "");
            return path.matches(regex) && "complete".equals(js("return document.readyState")) ? url : null;
        });
    }

    public String text(String css) {
        return find(css).getText();
    }

    public void assertText(String css, String expected) {
        String actual = until("“" + expected + "” in " + css, d -> {
            for (WebElement e : d.findElements(By.cssSelector(css))) {
                if (e.getText().contains(expected)) {
                    return e.getText();
                }
            }
            return null;
        });
        Assertions.assertTrue(actual.contains(expected), actual);
    }

    public void assertNoElement(String css, String why) {
        if (!driver.findElements(By.cssSelector(css)).isEmpty()) {
            throw fail(why + ": found " + css, null);
        }
    }

    /**
     * Saves a screenshot of the whole page (not only the window: the editor's preview is below it) as
     * target/screenshots/{file}.png and returns its path.
     */
    public Path screenshot(String file) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(file + ".png");
            Files.write(target, fullPage());
            return target;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private byte[] fullPage() {
        try {
            Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
            Map<?, ?> size = (Map<?, ?>) metrics.get("cssContentSize");
            double width = ((Number) size.get("width")).doubleValue();
            double height = Math.min(((Number) size.get("height")).doubleValue(), 8000);
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                    "captureBeyondViewport", true,
                    "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
            return Base64.getDecoder().decode((String) shot.get("data"));
        } catch (RuntimeException e) {
            return driver.getScreenshotAs(OutputType.BYTES); // the window only, but a picture all the same
        }
    }

    /** The browser's console messages since the last call (errors, CSP violations, failed loads, logs). */
    public List<LogEntry> console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll();
    }

    /** A failure that already tells where the browser is and what it shows. */
    public static final class Failure extends AssertionError {
        private static final long serialVersionUID = 1L;

        Failure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** An error that tells where the browser is and what it shows. */
    public Failure fail(String message, Throwable cause) {
        StringBuilder sb = new StringBuilder(message).append("\n[").append(name).append("] at ");
        try {
            sb.append(driver.getCurrentUrl());
            sb.append("\nscreenshot: ").append(screenshot(name + "-FAILED"));
            sb.append("\nbrowser console:");
            for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
                sb.append("\n  ").append(entry.getLevel()).append(' ').append(entry.getMessage());
            }
            sb.append("\npage source:\n").append(driver.getPageSource());
        } catch (RuntimeException e) {
            sb.append(" (the browser could not tell more: ").append(e).append(')');
        }
        return new Failure(sb.toString(), cause);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException e) {
                // A temporary directory left behind is not a test failure.
            }
        }
    }
}
