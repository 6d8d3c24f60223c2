package io.lapsbridge.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser: Debian's headless Chromium driven by Selenium. A screenshot of
 * each page goes to {@code target/console-screenshots/}. Without Chromium the tests are skipped,
 * except under CI ({@code CI=true}), where they must run.
 */
class ConsoleBrowserIT {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
  static final String PASSWORD = "Brw-P4ss<'\">&";
  static ConsoleFixture fixture;
  static String ou;
  ChromeDriver browser;
  Path profile;

  @BeforeAll
  static void start() throws Exception {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!"true".equals(System.getenv("CI"))) {
      assumeTrue(present, "chromium and chromium-driver are not installed"
          + " (apt-get install chromium chromium-driver)");
    }
    assertTrue(present, "CI must have chromium and chromium-driver (.ci/run installs them)");
    Files.createDirectories(SCREENSHOTS);
    ou = ConsoleFixture.organizationalUnit("ConsoleBrowserIT");
    ConsoleFixture.computer(ou, "BRW-ONE", "ms-Mcs-AdmPwd", PASSWORD,
        "ms-Mcs-AdmPwdExpirationTime", ConsoleApiIT.EXPIRY);
    ConsoleFixture.computer(ou, "BRW-TWO", "ms-Mcs-AdmPwd", "Brw-Two-5",
        "ms-Mcs-AdmPwdExpirationTime", ConsoleApiIT.EXPIRY);
    ConsoleFixture.computer(ou, "BRW-EAU", "ms-Mcs-AdmPwd", "Brw-Eau-6",
        "ms-Mcs-AdmPwdExpirationTime", ConsoleApiIT.EXPIRY);
    fixture = ConsoleFixture.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (fixture != null) {
      fixture.close();
    }
  }

  @BeforeEach
  void openBrowser() throws Exception {
    profile = Files.createTempDirectory("lapsbridge-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-dev-shm-usage", "--window-size=1200,1000",
        "--user-data-dir=" + profile);
    options.setAcceptInsecureCerts(true);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
  }

  @AfterEach
  void closeBrowser() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    try (var files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    }
  }

  private void screenshot(String name) throws Exception {
    File shot = browser.getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"),
        StandardCopyOption.REPLACE_EXISTING);
  }

  private WebDriverWait waiting() {
    return new WebDriverWait(browser, Duration.ofSeconds(15));
  }

  private void signIn(ConsoleFixture where, String user, String password, String shot)
      throws Exception {
    browser.get(where.uri("/login").toString());
    if (shot != null) {
      screenshot(shot);
    }
    browser.findElement(By.id("user")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(password);
    browser.findElement(By.id("sign-in")).click();
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("signed-in-user")));
  }

  private void openComputer(ConsoleFixture where, String name) {
    browser.get(where.uri("/computer?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8))
        .toString());
  }

  @Test
  void theReaderSearchesRevealsCopiesAndSeesTheAuditRecord() throws Exception {
    signIn(fixture, ConsoleFixture.READER_DN, ConsoleFixture.READER_PASSWORD, "01-sign-in");
    WebElement search = browser.findElement(By.id("q"));
    search.sendKeys("BRW-");
    // Suggestions come from the API as the user types.
    waiting().until(d -> "3".equals(d.findElement(By.id("suggestions"))
        .getDomAttribute("data-count")));
    List<WebElement> options = browser.findElements(By.cssSelector("#suggestions option"));
    assertEquals(List.of("BRW-EAU", "BRW-ONE", "BRW-TWO"),
        options.stream().map(o -> o.getDomProperty("value")).toList());
    screenshot("02-search-suggestions");
    browser.findElement(By.id("search")).click();
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("hits")));
    screenshot("03-search-results");
    browser.findElement(By.linkText("BRW-ONE")).click();
    waiting().until(ExpectedConditions.textToBe(By.id("computer-name"), "BRW-ONE"));
    assertTrue(browser.findElements(By.id("password-0")).isEmpty(), "hidden until revealed");
    screenshot("04-computer");
    browser.findElement(By.name("reason")).sendKeys("caller on line 2");
    browser.findElement(By.id("reveal-0")).click();
    WebElement password = waiting().until(
        ExpectedConditions.visibilityOfElementLocated(By.id("password-0")));
    assertEquals(PASSWORD, password.getText());
    assertEquals(PASSWORD.length(),
        browser.findElements(By.cssSelector("#spelled-0 li")).size());
    assertEquals("< less-than",
        browser.findElements(By.cssSelector("#spelled-0 li")).get(8).getText());
    // Copy: the button puts the password on the clipboard.
    browser.executeCdpCommand("Browser.grantPermissions", Map.of("origin",
        fixture.uri("/").toString().replaceAll("/$", ""), "permissions",
        List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
    browser.findElement(By.id("copy-0")).click();
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("copied-0")));
    Object clipboard = ((JavascriptExecutor) browser).executeAsyncScript(
        "var done = arguments[arguments.length - 1];"
            + "navigator.clipboard.readText().then(done, function (e) { done('error: ' + e); });");
    assertEquals(PASSWORD, clipboard);
    // The audit record the reveal wrote is on the page, and in the file.
    JsonNode shown = ConsoleFixture.JSON.readTree(
        browser.findElement(By.id("audit-record")).getText());
    assertEquals("reveal", shown.get("event").asText());
    assertEquals("success", shown.get("outcome").asText());
    assertEquals("BRW-ONE", shown.get("computer").asText());
    assertEquals("caller on line 2", shown.get("reason").asText());
    assertTrue(fixture.auditRecords().contains(shown), "the page shows the record as written");
    screenshot("05-revealed");
    browser.findElement(By.linkText("Estate")).click();
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("estate")));
    assertTrue(Long.parseLong(browser.findElement(By.id("count-computers")).getText()) >= 3);
    assertEquals(1, browser.findElements(By.cssSelector("#readers, #readers-none, #readers-problem"))
        .size(), "the permission audit, or why it cannot be shown");
    screenshot("06-estate");
    browser.findElement(By.id("sign-out")).click();
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("sign-in")));
  }

  @Test
  void theOrdinaryUserIsNotAuthorized() throws Exception {
    signIn(fixture, ConsoleFixture.USER_DN, ConsoleFixture.USER_PASSWORD, null);
    openComputer(fixture, "BRW-ONE");
    assertEquals(ComputerLookup.NOT_AUTHORIZED, browser.findElement(By.id("why-none")).getText());
    assertTrue(browser.findElements(By.cssSelector("code.secret")).isEmpty());
    assertTrue(browser.findElements(By.id("reveal-0")).isEmpty());
    screenshot("07-not-authorized");
  }

  @Test
  void aForgedFormIsRefusedForWantOfTheCsrfToken() throws Exception {
    signIn(fixture, ConsoleFixture.READER_DN, ConsoleFixture.READER_PASSWORD, null);
    openComputer(fixture, "BRW-TWO");
    ((JavascriptExecutor) browser).executeScript(
        "document.querySelector('form.reveal input[name=csrf]').value = 'forged';");
    browser.findElement(By.id("reveal-0")).click();
    WebElement error = waiting().until(
        ExpectedConditions.presenceOfElementLocated(By.id("error")));
    assertEquals("the request lacks this session's CSRF token; reload the page", error.getText());
    assertFalse(browser.getPageSource().contains("Brw-Two-5"));
    screenshot("08-csrf-refused");
  }

  @Test
  void expireAfterUseMovesTheExpiry() throws Exception {
    try (ConsoleFixture eau = ConsoleFixture.start(Duration.ofMinutes(15), 10,
        Optional.of(Duration.ofHours(2)), false)) {
      signIn(eau, ConsoleFixture.READER_DN, ConsoleFixture.READER_PASSWORD, null);
      openComputer(eau, "BRW-EAU");
      assertEquals("2036-01-01T00:00:00Z", browser.findElement(By.id("legacy-expiry")).getText());
      Instant before = Instant.now();
      browser.findElement(By.id("reveal-0")).click();
      waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("password-0")));
      Instant moved = Instant.parse(browser.findElement(By.id("legacy-expiry")).getText());
      assertTrue(!moved.isBefore(before.plus(Duration.ofHours(2)).minusSeconds(1))
          && !moved.isAfter(Instant.now().plus(Duration.ofHours(2))), moved.toString());
      assertTrue(browser.findElement(By.id("notice")).getText()
          .contains("Expire after use: moved ms-Mcs-AdmPwdExpirationTime"));
      screenshot("09-expire-after-use");
    }
  }

  @Test
  void anIdleSessionTimesOut() throws Exception {
    try (ConsoleFixture quick = ConsoleFixture.start(Duration.ofSeconds(2), 10,
        Optional.empty(), false)) {
      signIn(quick, ConsoleFixture.READER_DN, ConsoleFixture.READER_PASSWORD, null);
      Thread.sleep(3500);
      browser.get(quick.uri("/search").toString());
      waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("sign-in")));
      assertTrue(browser.getCurrentUrl().endsWith("/login"), browser.getCurrentUrl());
      screenshot("10-session-timed-out");
      assertTrue(quick.auditRecords().stream()
          .anyMatch(a -> a.get("event").asText().equals("session-expired")));
    }
  }
}
