package org.diplomacytracker.web.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.Vertx;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.diplomacytracker.core.Tracker;
import org.diplomacytracker.core.TrackerOptions;
import org.diplomacytracker.core.store.StoreSettings;
import org.diplomacytracker.core.transfer.NdjsonReader;
import org.diplomacytracker.web.ServerOptions;
import org.diplomacytracker.web.Tokens;
import org.diplomacytracker.web.TrackerServer;
import org.diplomacytracker.web.cli.ServeCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium (Debian's chromium and chromium-driver), against the
 * real server started in this JVM on port 0 with the demo data set: what a reader sees on 28 and 1
 * November 2024, a development recorded while the page is open, a position's history with its
 * correction, a resumed live connection, hostile markup in a quote, and the phone layout.
 * Screenshots go to target/screenshots/.
 *
 * <p>Skipped, with a message, when /usr/bin/chromium is not installed and CI is not "true"; under
 * CI a missing browser fails the tests instead.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private Path dir;
    private Tracker tracker;
    private Vertx vertx;
    private String base;
    private ChromeDriver driver;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void startServerAndBrowser() throws Exception {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed) {
            String message = "the dashboard's browser tests need Debian's chromium and chromium-driver "
                    + "(/usr/bin/chromium, /usr/bin/chromedriver): apt-get install -y chromium chromium-driver";
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true and " + message);
            }
            Assumptions.abort("skipped: " + message);
        }
        dir = Files.createTempDirectory("dashboard-test");
        tracker = Tracker.start(TrackerOptions.defaults(StoreSettings.embedded(dir.resolve("store"))));
        try (InputStream in = ServeCommand.class.getResourceAsStream(ServeCommand.DEMO_RESOURCE)) {
            assertThat(tracker.record(new NdjsonReader(in).next(Integer.MAX_VALUE).developments()).join().accepted())
                    .isEqualTo(100);
        }
        vertx = Vertx.vertx();
        TrackerServer server = new TrackerServer(tracker,
                new ServerOptions("127.0.0.1", 0, ServerOptions.DEFAULT_BODY_LIMIT, Tokens.none()));
        vertx.deployVerticle(server).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        base = "http://127.0.0.1:" + server.actualPort();
        driver = startChromium(dir.resolve("profile"));
        Files.createDirectories(SCREENSHOTS);
        // one load to warm the server's JIT and the browser's caches, as a page on a newsroom screen is
        driver.get(base + "/?process=ru-ua&asOf=2024-11-28");
        waitFor("the first page", this::ready);
    }

    /**
     * Debian's chromium through its chromedriver, given explicitly: Selenium Manager (which would
     * download drivers and report usage statistics) is never started. SE_* system properties are
     * what Selenium hands to Selenium Manager as its environment, should it ever run.
     */
    private static ChromeDriver startChromium(Path profile) throws IOException {
        System.setProperty("SE_AVOID_STATS", "true");
        System.setProperty("SE_OFFLINE", "true");
        Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE);
        Files.createDirectories(profile);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--no-default-browser-check", "--disable-default-apps", "--disable-extensions",
                "--disable-domain-reliability", "--disable-client-side-phishing-detection",
                "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,800", "--hide-scrollbars",
                "--lang=en-GB");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        return driver;
    }

    @AfterAll
    void stop() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        if (tracker != null) {
            tracker.close();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @BeforeEach
    void desktop() {
        viewport(1280, 800, 1, false);
    }

    /** Uncaught errors, failed requests and Content-Security-Policy violations all land in the console. */
    @AfterEach
    void noErrorsInTheConsole() {
        List<String> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
        assertThat(errors).as("errors in the browser console").isEmpty();
    }

    // ---- the scenarios ------------------------------------------------------------------------

    @Test
    void on28NovemberKelloggAndRussiasRejectionShowAndTheSliderTakesThemAwayOn1November() throws Exception {
        open("process=ru-ua&asOf=2024-11-28");
        assertThat(envoyNames()).contains("Keith Kellogg");
        WebElement freeze = cell("ru", "frontline-freeze");
        assertThat(freeze.getAttribute("data-stance")).isEqualTo("rejects");
        assertThat(freeze.getText()).contains("REJECTS").contains("Sergei Naryshkin").contains("26 Nov 2024");
        assertThat(text("#asof-output")).isEqualTo("28 Nov 2024");
        screenshot("desktop-2024-11-28.png");
        fullPageScreenshot("desktop-2024-11-28-full.png");

        // by keyboard: 27 days back with the arrow key
        WebElement slider = driver.findElement(By.id("date-slider"));
        for (int i = 0; i < 27; i++) {
            slider.sendKeys(Keys.ARROW_LEFT);
        }
        assertThat(driver.switchTo().activeElement()).isEqualTo(slider);
        waitFor("the view of 1 Nov 2024, and its address", () -> text("#asof-output").equals("1 Nov 2024") && ready()
                && driver.getCurrentUrl().contains("asOf=2024-11-01"));
        assertThat(driver.getCurrentUrl()).contains("process=ru-ua");
        waitFor("Kellogg gone", () -> !envoyNames().contains("Keith Kellogg"));
        // Russia's rejection (Naryshkin, 26 Nov) is gone; what stands on 1 Nov is the May report: open
        WebElement before = cell("ru", "frontline-freeze");
        assertThat(before.getAttribute("data-stance")).isEqualTo("open");
        assertThat(before.getText()).doesNotContain("Sergei Naryshkin").doesNotContain("REJECTS").contains("24 May 2024");
        assertThat(driver.findElements(By.cssSelector("button.cell[data-stance='rejects'][data-actor='ru']"
                + "[data-issue='frontline-freeze']"))).isEmpty();

        // Home goes to the first day of the process, End to its last
        slider.sendKeys(Keys.HOME);
        waitFor("the first day", () -> driver.getCurrentUrl().contains("asOf=2022-02-24") && ready());
        assertThat(text("#matrix-empty")).isEqualTo("No position stated up to this date.");
        slider.sendKeys(Keys.END);
        waitFor("the last day", () -> driver.getCurrentUrl().contains("asOf=2024-12-04") && ready());
        assertThat(envoyNames()).contains("Keith Kellogg");

        // the date field moves the view too, and the address is a link to it
        setDate("date-input", "2024-11-01");
        waitFor("1 Nov by the date field", () -> driver.getCurrentUrl().contains("asOf=2024-11-01") && ready());
        assertThat(envoyNames()).doesNotContain("Keith Kellogg");
        open("process=ru-ua&asOf=2024-11-01");
        assertThat(cell("ru", "frontline-freeze").getAttribute("data-stance")).isEqualTo("open");
    }

    @Test
    void aDevelopmentRecordedWhileThePageIsOpenShowsWithinTwoSecondsWithoutAReload() throws Exception {
        open("process=ru-ua");
        assertThat(driver.getCurrentUrl()).contains("asOf=live");
        waitFor("the live connection", () -> "connected".equals(js("return window.dashboard.status")));
        assertThat(driver.findElements(cellSelector("us", "ceasefire"))).isEmpty();
        js("window.__samePage = 'yes'");

        long start = System.nanoTime();
        post("""
                {"id":"browser-live-us-ceasefire","process":"ru-ua","type":"PositionStated","occurredOn":"2024-12-04",
                 "source":{"outlet":"Browser Test Wire","url":"https://example.org/live","reliability":"B","credibility":2},
                 "actor":"us","speaker":"keith-kellogg","issue":"ceasefire","stance":"demands",
                 "quote":"A ceasefire first, then talks."}""");
        new WebDriverWait(driver, Duration.ofMillis(2000).minusNanos(System.nanoTime() - start),
                Duration.ofMillis(50))
                .withMessage("the new position within 2 s of posting it")
                .until(d -> !d.findElements(cellSelector("us", "ceasefire")).isEmpty());
        assertThat(cell("us", "ceasefire").getAttribute("data-stance")).isEqualTo("demands");
        assertThat(js("return window.__samePage")).as("no reload").isEqualTo("yes");
        assertThat(js("return window.dashboard.updates")).isEqualTo(1L);
        waitFor("the timeline entry", () -> !driver.findElements(
                By.cssSelector("#timeline li[data-development='browser-live-us-ceasefire']")).isEmpty());
        assertThat(text("#timeline li[data-development='browser-live-us-ceasefire'] blockquote"))
                .isEqualTo("A ceasefire first, then talks.");
        assertThat(js("return window.dashboard.ignoredUpdates")).isEqualTo(0L);
    }

    @Test
    void aDroppedConnectionResumesWithSinceAndAppliesWhatItMissedOnce() throws Exception {
        open("process=ru-ua");
        waitFor("the live connection", () -> "connected".equals(js("return window.dashboard.status")));
        long snapshots = (Long) js("return window.dashboard.snapshots");
        long offset = (Long) js("return window.dashboard.lastOffset");

        js("window.dashboard.dropConnection()");
        assertThat(text("#connection-text")).startsWith("Reconnecting");
        post("""
                {"id":"browser-resume-uk-ceasefire","process":"ru-ua","type":"PositionStated","occurredOn":"2024-12-04",
                 "source":{"outlet":"Browser Test Wire"},"actor":"uk","issue":"ceasefire","stance":"supports"}""");
        waitFor("the missed position after the reconnection",
                () -> !driver.findElements(cellSelector("uk", "ceasefire")).isEmpty());
        waitFor("resumed", () -> (Long) js("return window.dashboard.resumes") >= 1);
        assertThat(js("return window.dashboard.snapshots")).as("resumed, no fresh snapshot").isEqualTo(snapshots);
        assertThat((Long) js("return window.dashboard.lastOffset")).isGreaterThan(offset);
        assertThat(js("return window.dashboard.updates")).isEqualTo(1L);
        assertThat(text("#connection-text")).isEqualTo("Live · reconnected");
    }

    @Test
    void aCellOpensItsHistoryAndTheCorrectionShowsAsSuch() throws Exception {
        open("process=ru-ua&asOf=2024-11-28");
        clickCell("ua", "territory");
        waitFor("the history", () -> driver.findElements(By.cssSelector("#history-versions li.version")).size() == 2);
        WebElement dialog = driver.findElement(By.id("history-dialog"));
        assertThat(dialog.isDisplayed()).isTrue();
        assertThat(text("#history-title")).isEqualTo("Ukraine — Ukrainian territorial concessions");
        waitFor("the history in the address", () -> driver.getCurrentUrl().contains("history=ua%2Fterritory"));

        WebElement corrected = driver.findElement(By.cssSelector("#history-versions li.version.is-corrected"));
        assertThat(corrected.findElement(By.cssSelector("del .v-date")).getText()).isEqualTo("1 Nov 2024");
        assertThat(corrected.findElement(By.cssSelector(".v-date")).getCssValue("text-decoration-line"))
                .isEqualTo("line-through");
        waitFor("the correction's own record", () -> driver.findElement(
                By.cssSelector("#history-versions li.version.is-corrected .amend-corrected")).getText()
                .contains("The Moscow Times"));
        assertThat(text("#history-versions li.version.is-corrected .amend-corrected"))
                .contains("Corrected by zelensky-concessions-date-fixed, recorded ")
                .contains("Replaced by the version dated 7 Nov 2024 (Rejects)");
        assertThat(corrected.getText()).contains("making any concessions to Putin").contains("MailOnline")
                .contains("C2");

        WebElement replacement = driver.findElement(By.cssSelector("#history-versions li.version.is-replacement"));
        assertThat(replacement.getText()).contains("7 Nov 2024").contains("CORRECTION").contains("CURRENT")
                .contains("This version comes from correction zelensky-concessions-date-fixed");
        assertThat(replacement.findElement(By.cssSelector(".v-date")).getCssValue("text-decoration-line"))
                .isEqualTo("none");
        waitFor("the step chart", () -> !driver.findElements(By.cssSelector("#history-chart canvas")).isEmpty());
        screenshot("desktop-history-ua-territory.png");

        new Actions(driver).sendKeys(Keys.ESCAPE).perform();
        waitFor("the dialog closed, and gone from the address",
                () -> !dialog.isDisplayed() && !driver.getCurrentUrl().contains("history="));
        assertThat(driver.switchTo().activeElement().getAttribute("data-actor")).as("focus back on the cell")
                .isEqualTo("ua");

        // the history is a link too
        open("process=ru-ua&asOf=2024-11-28&history=ua/territory");
        waitFor("the history from the link",
                () -> driver.findElements(By.cssSelector("#history-versions li.version")).size() == 2);
    }

    @Test
    void markupInDataRendersAsTextEverywhereAndRunsNothing() throws Exception {
        String img = "<img src=x onerror=window.__xss=1>";
        String script = "<script>window.__xss=2</script>";
        String actorName = "<img src=x onerror=window.__xss=3>Tester";
        String conditions = "\"><svg onload=window.__xss=4>";
        post(("""
                {"id":"browser-xss-actor","process":"ru-ua","type":"ActorRegistered","occurredOn":"2024-12-03",
                 "source":{"outlet":"<b>Desk</b>"},"actor":"xss-tester","name":%s,"kind":"person","role":%s}""")
                .formatted(json(actorName), json(script)));
        post(("""
                {"id":"browser-xss-quote","process":"ru-ua","type":"PositionStated","occurredOn":"2024-12-03",
                 "source":{"outlet":%s,"title":%s,"attribution":%s,"url":"https://example.org/x?a=%%22%%3E"},
                 "actor":"xss-tester","issue":"ceasefire","stance":"rejects","quote":%s,"conditions":%s}""")
                .formatted(json("<i>Outlet</i>" + img), json(script), json(img), json(img + " and " + script),
                        json(conditions)));

        open("process=ru-ua");
        WebElement cell = cell("xss-tester", "ceasefire");
        assertThat(cell.getAttribute("title")).contains(img).contains(script).contains(conditions);
        assertThat(text("#matrix tr[data-actor='xss-tester'] .actor-name")).isEqualTo(actorName);
        String quoteSelector = "#timeline li[data-development='browser-xss-quote'] blockquote";
        waitFor("the timeline entry", () -> !driver.findElements(By.cssSelector(quoteSelector)).isEmpty());
        WebElement quote = driver.findElement(By.cssSelector(quoteSelector));
        assertThat(quote.isDisplayed()).isTrue();
        assertThat(quote.getText()).isEqualTo(img + " and " + script);
        assertThat(text("#timeline li[data-development='browser-xss-quote'] .outlet")).isEqualTo("<i>Outlet</i>" + img);
        assertThat(text("#timeline li[data-development='browser-xss-quote'] .dev-detail"))
                .isEqualTo("Conditions: " + conditions);

        clickCell("xss-tester", "ceasefire");
        waitFor("the history", () -> !driver.findElements(By.cssSelector("#history-versions li.version")).isEmpty());
        WebElement historyQuote = driver.findElement(By.cssSelector("#history-versions blockquote"));
        assertThat(historyQuote.isDisplayed()).isTrue();
        assertThat(historyQuote.getText()).isEqualTo(img + " and " + script);
        assertThat(text("#history-title")).startsWith(actorName);
        screenshot("desktop-hostile-markup.png");
        driver.findElement(By.id("history-close")).click();

        // the charts' legends and selects show names too
        js("document.getElementById('charts-panel').scrollIntoView()");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("chart-actor"))).selectByValue("xss-tester");
        waitFor("the stance chart", () -> text("#stance-story").startsWith(actorName));

        assertThat(js("return typeof window.__xss")).as("no injected code ran").isEqualTo("undefined");
        assertThat(driver.findElements(By.cssSelector("img[src='x'], svg, i, b"))).isEmpty();
        assertThat(js("return [...document.scripts].map(s => s.src || s.textContent)"))
                .asString().doesNotContain("__xss");
        assertThat(driver.findElement(By.tagName("body")).getText()).contains(img).contains(script);
    }

    @Test
    void onAPhoneThePageDoesNotScrollSidewaysAndTheMatrixScrollsInItsOwnBox() throws Exception {
        viewport(390, 844, 2, true);
        open("process=ru-ua&asOf=2024-11-28");
        assertThat(js("return window.innerWidth")).isEqualTo(390L);
        assertNoSidewaysScroll();
        screenshot("phone-2024-11-28.png");
        WebElement matrix = driver.findElement(By.cssSelector(".matrix-scroll"));
        assertThat((Long) js("return arguments[0].scrollWidth - arguments[0].clientWidth", matrix))
                .as("the matrix scrolls inside its container").isPositive();

        // further down: charts (drawn when they come into view), timeline, proposals, history
        js("document.getElementById('charts-panel').scrollIntoView()");
        waitFor("the charts", () -> driver.findElements(By.cssSelector("#convergence-chart canvas")).size() == 1
                && driver.findElements(By.cssSelector("#stance-chart canvas")).size() == 1);
        screenshot("phone-charts.png");
        js("document.getElementById('timeline-panel').scrollIntoView()");
        screenshot("phone-timeline.png");
        js("window.scrollTo(0, document.body.scrollHeight)");
        assertNoSidewaysScroll();
        js("window.scrollTo(0, 0)");
        clickCell("ua", "territory");
        waitFor("the history", () -> driver.findElements(By.cssSelector("#history-versions li.version")).size() == 2);
        assertNoSidewaysScroll();
        screenshot("phone-history.png");
    }

    @Test
    void theConvergenceAndStanceChartsDrawOnTheDesktop() throws Exception {
        open("process=ru-ua&asOf=2024-11-28");
        js("document.getElementById('charts-panel').scrollIntoView(); window.scrollBy(0, -130)");
        waitFor("both charts", () -> driver.findElements(By.cssSelector("#convergence-chart canvas")).size() == 1
                && driver.findElements(By.cssSelector("#stance-chart canvas")).size() == 1);
        waitFor("the default pick: the first party on an issue where the parties meet", () -> text("#stance-story")
                .equals("Russia on Freezing the current frontline: Open from 24 May 2024; Rejects from 26 Nov 2024."));
        waitFor("the convergence legend", () -> text("#convergence-chart .u-legend").contains("Freezing the current frontline"));
        assertThat(text("#convergence-story")).contains("Freezing the current frontline 0.75");
        screenshot("desktop-charts.png");
    }

    /**
     * The page's own JSON Patch applier against the examples of RFC 6902 (appendix A), and its live
     * client fed messages by hand: an update at or below the last offset is never applied.
     */
    @Test
    void thePagePatchesPerRfc6902AndNeverAppliesAnUpdateTwice() throws Exception {
        open("process=ru-ua&asOf=2024-11-28");
        Object result = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                Promise.all([import('./assets/js/patch.js'), import('./assets/js/live.js')]).then(([p, l]) => {
                    const out = {};
                    const run = (doc, patch) => {
                        try { return JSON.stringify(p.applyPatch(structuredClone(doc), patch)); }
                        catch (e) { return 'error: ' + (e instanceof p.PatchError); }
                    };
                    out.add = run({foo: 'bar'}, [{op: 'add', path: '/baz', value: 'qux'}]);
                    out.addArray = run({foo: ['bar', 'baz']}, [{op: 'add', path: '/foo/1', value: 'qux'}]);
                    out.addEnd = run({foo: ['bar']}, [{op: 'add', path: '/foo/-', value: ['abc', 'def']}]);
                    out.remove = run({baz: 'qux', foo: 'bar'}, [{op: 'remove', path: '/baz'}]);
                    out.removeArray = run({foo: ['bar', 'qux', 'baz']}, [{op: 'remove', path: '/foo/1'}]);
                    out.replace = run({baz: 'qux', foo: 'bar'}, [{op: 'replace', path: '/baz', value: 'boo'}]);
                    out.move = run({foo: {bar: 'baz', waldo: 'fred'}, qux: {corge: 'grault'}},
                        [{op: 'move', from: '/foo/waldo', path: '/qux/thud'}]);
                    out.moveArray = run({foo: ['all', 'grass', 'cows', 'eat']}, [{op: 'move', from: '/foo/1', path: '/foo/3'}]);
                    out.copy = run({a: {b: [1]}}, [{op: 'copy', from: '/a', path: '/c'}, {op: 'add', path: '/c/b/-', value: 2}]);
                    out.testOk = run({baz: 'qux', foo: ['a', 2, 'c']},
                        [{op: 'test', path: '/baz', value: 'qux'}, {op: 'test', path: '/foo/1', value: 2}]);
                    out.testFails = run({baz: 'qux'}, [{op: 'test', path: '/baz', value: 'bar'}]);
                    out.escaped = run({'/': 9, '~1': 10}, [{op: 'replace', path: '/~01', value: 11}, {op: 'remove', path: '/~1'}]);
                    out.missing = run({foo: 'bar'}, [{op: 'remove', path: '/nope'}]);
                    out.root = run({a: 1}, [{op: 'replace', path: '', value: {b: 2}}]);

                    const seen = [];
                    const client = new l.LiveClient({onState: (s, info) => seen.push(info.kind + ':' + info.offset + ':' + s.n),
                        onStatus: () => {}});
                    client.view = {process: 'p', asOf: 'live'};
                    client.subId = 'x';
                    client.receive({type: 'snapshot', id: 'x', offset: 5, state: {n: 0}});
                    client.receive({type: 'update', id: 'x', offset: 7, patch: [{op: 'replace', path: '/n', value: 1}]});
                    client.receive({type: 'update', id: 'x', offset: 7, patch: [{op: 'replace', path: '/n', value: 99}]});
                    client.receive({type: 'update', id: 'x', offset: 6, patch: [{op: 'replace', path: '/n', value: 98}]});
                    client.receive({type: 'update', id: 'old', offset: 9, patch: [{op: 'replace', path: '/n', value: 97}]});
                    client.receive({type: 'update', id: 'x', offset: 8, patch: [{op: 'replace', path: '/n', value: 2}]});
                    out.live = seen.join(' ') + ' | last ' + client.lastOffset + ' | ignored ' + client.ignored;
                    done(out);
                }, e => done({error: String(e)}));
                """);
        @SuppressWarnings("unchecked")
        Map<String, Object> answers = (Map<String, Object>) result;
        assertThat(answers).containsExactlyInAnyOrderEntriesOf(Map.<String, Object>ofEntries(
                Map.entry("add", "{\"foo\":\"bar\",\"baz\":\"qux\"}"),
                Map.entry("addArray", "{\"foo\":[\"bar\",\"qux\",\"baz\"]}"),
                Map.entry("addEnd", "{\"foo\":[\"bar\",[\"abc\",\"def\"]]}"),
                Map.entry("remove", "{\"foo\":\"bar\"}"),
                Map.entry("removeArray", "{\"foo\":[\"bar\",\"baz\"]}"),
                Map.entry("replace", "{\"baz\":\"boo\",\"foo\":\"bar\"}"),
                Map.entry("move", "{\"foo\":{\"bar\":\"baz\"},\"qux\":{\"corge\":\"grault\",\"thud\":\"fred\"}}"),
                Map.entry("moveArray", "{\"foo\":[\"all\",\"cows\",\"eat\",\"grass\"]}"),
                Map.entry("copy", "{\"a\":{\"b\":[1]},\"c\":{\"b\":[1,2]}}"),
                Map.entry("testOk", "{\"baz\":\"qux\",\"foo\":[\"a\",2,\"c\"]}"),
                Map.entry("testFails", "error: true"),
                Map.entry("escaped", "{\"~1\":11}"),
                Map.entry("missing", "error: true"),
                Map.entry("root", "{\"b\":2}"),
                Map.entry("live", "snapshot:5:0 update:7:1 update:8:2 | last 8 | ignored 2")));
    }

    // ---- helpers ------------------------------------------------------------------------------

    private void viewport(int width, int height, int scale, boolean mobile) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", scale, "mobile", mobile));
    }

    /**
     * Opens the dashboard and waits until it has settled; its first view must have been drawn under a
     * second after navigation started.
     */
    private void open(String query) {
        driver.get(base + "/?" + query);
        waitFor("the page settled",
                () -> Boolean.TRUE.equals(js("return !!(window.dashboard && window.dashboard.settled)")));
        Number firstRender = (Number) js("return window.dashboard.firstRenderMs");
        assertThat(firstRender.doubleValue()).as(() -> "milliseconds from navigation to the first render of the state; "
                + "timings: " + js("return JSON.stringify([performance.getEntriesByType('navigation').map(e => "
                + "[e.responseStart | 0, e.responseEnd | 0, e.domContentLoadedEventEnd | 0]), "
                + "performance.getEntriesByType('resource').map(e => [e.name.replace(location.origin, ''), "
                + "e.startTime | 0, e.responseEnd | 0])])") + " console: "
                + driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::toString).toList())
                .isLessThan(1000);
    }

    private boolean ready() {
        return Boolean.TRUE.equals(js("return !!(window.dashboard && window.dashboard.viewReady)"));
    }

    private static By cellSelector(String actor, String issue) {
        return By.cssSelector("button.cell[data-actor='" + actor + "'][data-issue='" + issue + "']");
    }

    private WebElement cell(String actor, String issue) {
        waitFor("the cell " + actor + "/" + issue, () -> !driver.findElements(cellSelector(actor, issue)).isEmpty());
        return driver.findElement(cellSelector(actor, issue));
    }

    /** Clicks a cell, again if the matrix was redrawn under the click (as it may while the page settles). */
    private void clickCell(String actor, String issue) {
        waitFor("a click on " + actor + "/" + issue, () -> {
            cell(actor, issue).click();
            return true;
        });
    }

    private List<String> envoyNames() {
        return driver.findElements(By.cssSelector("#envoys .envoy-name")).stream().map(WebElement::getText).toList();
    }

    private String text(String css) {
        List<WebElement> found = driver.findElements(By.cssSelector(css));
        return found.isEmpty() ? "" : found.get(0).getText();
    }

    private void setDate(String id, String isoDate) {
        js("const input = document.getElementById(arguments[0]); input.value = arguments[1];"
                + "input.dispatchEvent(new Event('change', {bubbles: true}));", id, isoDate);
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private void waitFor(String what, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(driver, PATIENCE, Duration.ofMillis(50)).withMessage(what)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> condition.getAsBoolean());
    }

    private void assertNoSidewaysScroll() {
        long scrollWidth = (Long) js("return document.scrollingElement.scrollWidth");
        long innerWidth = (Long) js("return window.innerWidth");
        assertThat(scrollWidth).as("page width (no horizontal scroll)").isLessThanOrEqualTo(innerWidth);
    }

    private void post(String development) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/developments"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(development)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name), driver.getScreenshotAs(OutputType.BYTES));
    }

    private void fullPageScreenshot(String name) throws IOException {
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true));
        Files.write(SCREENSHOTS.resolve(name), Base64.getDecoder().decode((String) shot.get("data")));
    }
}
