package dev.carafe.examples.blog;

import dev.carafe.Carafe;
import dev.carafe.test.CarafeExtension;
import dev.carafe.test.TestDatabase;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The blog in a real browser: Debian's headless Chromium driven through the system chromedriver
 * (nothing is downloaded). Skipped when Chromium is not installed, unless CARAFE_REQUIRE_BROWSER=true.
 */
class BrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    static Carafe db = BlogFixture.database(TestDatabase.H2);

    @RegisterExtension
    static CarafeExtension carafe = CarafeExtension.of(db);

    @TempDir
    Path dir;

    BlogFixture blog;
    WebDriver browser;

    @AfterAll
    static void drop() {
        BlogFixture.drop(db);
    }

    @BeforeEach
    void start() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "true".equals(System.getenv("CARAFE_REQUIRE_BROWSER"))) {
            throw new AssertionError("CARAFE_REQUIRE_BROWSER=true but " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing: apt-get install chromium chromium-driver");
        }
        Assumptions.assumeTrue(installed, "Chromium is not installed (apt-get install chromium chromium-driver)");
        blog = new BlogFixture(db);
        blog.db.useTransaction(session -> {
            User other = session.get(User.class, 2);
            for (int i = 1; i <= 6; i++) session.add(new Post(other, "older post " + i, "body " + i));
        });
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + dir.resolve("chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        if (browser != null) browser.quit();
        if (blog != null) blog.close();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + blog.app.port() + path;
    }

    private void submit(String... fields) {
        for (int i = 0; i < fields.length; i += 2) {
            browser.findElement(By.name(fields[i])).clear();
            browser.findElement(By.name(fields[i])).sendKeys(fields[i + 1]);
        }
        browser.findElement(By.cssSelector("input[type=submit]")).click();
    }

    @Test
    void aVisitorRegistersLogsInPostsPagesAndLogsOut() {
        browser.get(url("/"));
        browser.findElement(By.linkText("Register")).click();
        submit("username", "alice", "password", "correct horse");
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/auth/login"));

        submit("username", "alice", "password", "correct horse");
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/"));
        assertThat(browser.findElement(By.cssSelector("nav span")).getText()).isEqualTo("alice");

        browser.findElement(By.linkText("New")).click();
        submit("title", "Hello from Chromium", "body", "Written by a real browser.");
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/"));
        assertThat(browser.findElement(By.cssSelector("article.post h1")).getText()).isEqualTo("Hello from Chromium");
        assertThat(browser.findElement(By.cssSelector("article.post .about")).getText()).startsWith("by alice on ");
        assertThat(browser.findElements(By.linkText("Edit"))).hasSize(1);

        browser.findElement(By.linkText("2")).click();
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/?page=2"));
        assertThat(browser.findElement(By.cssSelector("strong[aria-current=page]")).getText()).isEqualTo("2");
        assertThat(browser.getPageSource()).contains("test title").doesNotContain("Hello from Chromium");

        browser.findElement(By.xpath("//nav//button[text()='Log Out']")).click();
        assertThat(browser.findElement(By.linkText("Log In")).isDisplayed()).isTrue();
        assertThat(browser.findElements(By.linkText("New"))).isEmpty();
    }
}
