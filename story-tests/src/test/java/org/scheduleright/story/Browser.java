package org.scheduleright.story;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium driven through the system's chromium-driver (Debian's {@code chromium} and
 * {@code chromium-driver}): nothing is downloaded, and a machine without them fails the test with a sentence saying what
 * to install rather than skipping it. Each browser has a fresh profile, a fixed language and a phone-sized window;
 * its console is read through the driver's browser log, and its screenshots go to {@code target/screenshots/}.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ChromeDriver driver;
    private final Path profile;
    private final OutputStream driverLog;
    private final WebDriverWait wait;

    private Browser(ChromeDriver driver, Path profile, OutputStream driverLog) {
        this.driver = driver;
        this.profile = profile;
        this.driverLog = driverLog;
        this.wait = new WebDriverWait(driver, WAIT);
    }

    /** Starts a headless Chromium whose preferred language is {@code language} (a BCP 47 tag such as en-GB). */
    static Browser start(String language) throws IOException {
        assertThat(CHROMIUM)
                .as(
                        "the browser story needs Debian's chromium at %s: apt-get install -y chromium chromium-driver",
                        CHROMIUM)
                .isExecutable();
        assertThat(CHROMEDRIVER)
                .as(
                        "the browser story needs Debian's chromium-driver at %s: apt-get install -y chromium"
                                + " chromium-driver",
                        CHROMEDRIVER)
                .isExecutable();
        // The system driver and browser are named explicitly, so Selenium Manager has nothing to look up or download.
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        Path profile = Files.createTempDirectory("scheduleright-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=412,915",
                "--lang=" + language,
                "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        Files.createDirectories(Path.of("target"));
        OutputStream driverLog = Files.newOutputStream(Path.of("target", "chromedriver-" + language + ".log"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogOutput(driverLog)
                .build();
        return new Browser(new ChromeDriver(service, options), profile, driverLog);
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Opens {@code url}, forgetting what the console said before. */
    void open(String url) {
        consoleErrors();
        driver.get(url);
    }

    /** Waits until the free times are listed and returns their buttons in page order. */
    List<WebElement> awaitSlots() {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#days button.slot")));
        return findAll(By.cssSelector("#days button.slot"));
    }

    void awaitVisible(String id) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    WebElement slotButton(String slotId) {
        return find(By.cssSelector("#days button[data-slot-id='" + slotId + "']"));
    }

    WebElement find(By by) {
        return driver.findElement(by);
    }

    List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    void type(String id, String text) {
        WebElement input = find(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    /** The id of the element that has the keyboard focus. */
    String focusedId() {
        return driver.switchTo().activeElement().getAttribute("id");
    }

    /** The console's errors (and failed loads) since the last call. */
    List<LogEntry> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .toList();
    }

    /** Saves a PNG of the page as it is now under {@code target/screenshots/<name>.png}. */
    Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Path target = SCREENSHOTS.resolve(name + ".png");
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try {
                driverLog.close();
            } catch (IOException e) {
                // the driver's log is only for reading after a failure
            }
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException e) {
                // a leftover temporary profile is harmless
            }
        }
    }
}
