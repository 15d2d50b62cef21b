package io.callsignal.dashboard;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsignal.testkit.GovernedEndpoint;
import io.callsignal.testkit.WithGovernedEndpoint;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The dashboard in Debian's headless Chromium, served by {@code serve} over TLS from the governed
 * test lake: each user signs in with their password and sees the panels the policy gives them, with
 * their own rows only. Screenshots go to target/dashboard/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(WithGovernedEndpoint.class)
class DashboardBrowserIT {

    private static final Path SCREENSHOTS = Path.of("target", "dashboard");
    private static final Duration RENDER_TIMEOUT = Duration.ofMinutes(2);

    GovernedEndpoint governed;
    ChromeDriver browser;

    @BeforeAll
    void serve(GovernedEndpoint shared) {
        governed = shared;
    }

    @BeforeEach
    void openTheBrowser() {
        ChromeOptions options = new ChromeOptions().setBinary(executable("CHROMIUM", "/usr/bin/chromium"))
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000");
        // The endpoint's certificate is self-signed for the test.
        options.setAcceptInsecureCerts(true);
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(executable("CHROMEDRIVER", "/usr/bin/chromedriver"))).build();
        browser = new ChromeDriver(driver, options);
    }

    @AfterEach
    void closeTheBrowser() {
        browser.quit();
    }

    @Test
    void aRepSeesOnlyTheirOwnTrendAndDealsAndNoPanelTheyAreNotGranted() throws Exception {
        signIn("rep1", "demo-rep1");

        // alice's February in v1 (calls c1, c2) and in v2 (c1): two lines of one point each.
        assertEquals("2", chart("rep-trend").getAttribute("data-points"));
        assertEquals("2", chart("rep-trend").getAttribute("data-series"));
        assertEquals(List.of("alice@acme.com · v1", "alice@acme.com · v2"), seriesNames("rep-trend"));
        assertEquals(List.of("D1 0.42"), deals());
        assertTrue(text("pipeline-health").startsWith("Not shown to you: access denied: rep1 lacks SELECT"),
                text("pipeline-health"));
        screenshot("rep1");
        // Her panels' reads are audited as hers, the refused ones as denied.
        await().atMost(Duration.ofMinutes(1)).until(() -> governed.lake().spark().sql("SELECT decision FROM"
                + " system.audit WHERE principal = 'rep1' AND statement LIKE '%gold.rep_monthly_scores%'").collectAsList()
                .stream().map(row -> row.getString(0)).distinct().toList().equals(List.of("ALLOWED")));

        // Filtering by scoring_version keeps that version's line only.
        browser.findElement(By.cssSelector("#scoring-version option[value='v2']")).click();
        assertEquals(List.of("alice@acme.com · v2"), seriesNames("rep-trend"));
        assertEquals("1", chart("rep-trend").getAttribute("data-points"));
    }

    @Test
    void aManagerSeesTheirTeamsReps() throws Exception {
        signIn("manager1", "demo-manager1");

        assertEquals(List.of("carol@acme.com · v1", "carol@acme.com · v2"), seriesNames("rep-trend"));
        assertEquals("2", chart("rep-trend").getAttribute("data-points"));
        assertEquals(List.of("D2 0.77"), deals());
        screenshot("manager1");
    }

    @Test
    void anEngineerSeesEveryRepDealRiskAndPipelineHealth() throws Exception {
        signIn("engineer1", "demo-engineer1");

        assertEquals(List.of("alice@acme.com · v1", "alice@acme.com · v2", "carol@acme.com · v1",
                "carol@acme.com · v2"), seriesNames("rep-trend"));
        assertEquals(List.of("D1 0.42", "D2 0.77"), deals().stream().sorted().toList());
        // Today's raw records (2), silver's rows taken in today, and the quarantined record by its reason.
        assertTrue(Integer.parseInt(chart("pipeline-health").getAttribute("data-points")) >= 2);
        assertTrue(seriesNames("pipeline-health").containsAll(List.of("raw", "quarantined:INVALID_SIGNAL_TYPE")),
                seriesNames("pipeline-health").toString());
        assertTrue(text("sink-lag").startsWith("Sink lag"), text("sink-lag"));
        screenshot("engineer1");
    }

    @Test
    void aWrongPasswordAndAnUnknownUserStayOnTheLoginPage() {
        signInAttempt("rep1", "demo-admin");
        awaitFailedSignIn();
        signInAttempt("mallory", "anything");
        awaitFailedSignIn();
        // Without a session, the page and the panels' data are refused.
        browser.get(base() + "/api/rep-trend");
        assertTrue(browser.getPageSource().contains("sign in first"), browser.getPageSource());
        browser.get(base() + "/");
        assertTrue(browser.getCurrentUrl().endsWith("/login"), browser.getCurrentUrl());
    }

    private void signIn(String user, String password) {
        signInAttempt(user, password);
        await().atMost(RENDER_TIMEOUT).until(() -> "true".equals(
                browser.findElement(By.tagName("body")).getAttribute("data-ready")));
        assertEquals(user, browser.findElement(By.id("me")).getText());
    }

    private void signInAttempt(String user, String password) {
        browser.get(base() + "/login");
        browser.findElement(By.id("user")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("sign-in")).click();
    }

    /**
     * The login page the refused sign-in answers with shows its message. The page the form was sent
     * from has the same element, hidden, and goes stale when the answer replaces it.
     */
    private void awaitFailedSignIn() {
        await().atMost(RENDER_TIMEOUT).ignoreException(StaleElementReferenceException.class)
                .until(() -> browser.findElement(By.id("failed")).isDisplayed());
    }

    private String base() {
        return "https://127.0.0.1:" + governed.dashboardPort();
    }

    /** Each row of the deal risk table: its deal and win probability. */
    private List<String> deals() {
        return browser.findElements(By.cssSelector("#deal-risk tbody tr")).stream()
                .map(row -> row.getAttribute("data-deal") + " " + row.findElements(By.tagName("td")).get(4).getText())
                .toList();
    }

    private WebElement chart(String id) {
        return browser.findElement(By.id(id));
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    /** The names of the series ECharts drew in a chart, in order. */
    @SuppressWarnings("unchecked")
    private List<String> seriesNames(String id) {
        return (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return echarts.getInstanceByDom(document.getElementById(arguments[0])).getOption().series"
                        + ".map(s => s.name)", id);
    }

    private void screenshot(String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    /** Debian's paths unless the environment names others; missing, the test says what to install. */
    private static String executable(String env, String fallback) {
        String path = System.getenv().getOrDefault(env, fallback);
        if (!Files.isExecutable(Path.of(path))) {
            throw new IllegalStateException(path + " is missing: install Debian's chromium and chromium-driver"
                    + " (.ci/run does), or name them in CHROMIUM and CHROMEDRIVER");
        }
        return path;
    }
}
