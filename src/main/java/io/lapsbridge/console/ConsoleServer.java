package io.lapsbridge.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.lapsbridge.console.audit.AuditRecord;
import io.lapsbridge.console.audit.AuditTrail;
import io.lapsbridge.directory.ComputerSuggestions;
import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.model.ComputerRef;
import io.lapsbridge.model.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The console's HTTPS server: pages under {@code /}, the JSON API under {@code /api/v1}, two
 * static assets under {@code /static}. Every request gets the security headers; every page POST
 * needs the session's CSRF token in the form, every API POST in the {@code X-CSRF-Token} header;
 * every reveal, reset, expiry move and refusal is audited before its answer leaves.
 */
public final class ConsoleServer implements AutoCloseable {
  static final String SESSION_COOKIE = "__Host-lapsbridge-session";
  static final String LOGIN_COOKIE = "__Host-lapsbridge-login";
  static final String CSRF_HEADER = "X-CSRF-Token";
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self';"
      + " img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none';"
      + " base-uri 'none'";
  private static final int MAX_NAME = 1024;
  private static final int MAX_REASON = 500;
  private static final int SUGGESTIONS = 20;

  private final ConsoleSettings settings;
  private final AuditTrail audit;
  private final Clock clock;
  private final Sessions sessions;
  private final RevealLimiter limiter;
  private final ExpiryWriter expiry;
  private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, byte[]> assets = new LinkedHashMap<>();
  private final ScheduledExecutorService sweeper;
  private Javalin app;

  public ConsoleServer(ConsoleSettings settings, AuditTrail audit, Clock clock) {
    this.settings = settings;
    this.audit = audit;
    this.clock = clock;
    this.sessions = new Sessions(settings, clock);
    this.limiter = new RevealLimiter(settings.revealsPerMinute());
    this.expiry = new ExpiryWriter(settings.expiryService());
    this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "console-session-sweeper");
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts HTTPS on the configured address; returns the port it listens on. */
  public int start() throws IOException {
    for (String asset : List.of("console.css", "console.js")) {
      try (InputStream in = ConsoleServer.class.getResourceAsStream(
          "/lapsbridge/console/static/" + asset)) {
        if (in == null) {
          throw new IOException("the jar lacks the console asset " + asset);
        }
        assets.put(asset, in.readAllBytes());
      }
    }
    app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.http.prefer405over404 = true;
      config.http.maxRequestSize = 64 * 1024;
      config.jetty.addConnector((server, http) -> {
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // Clients reach the console by address as well as by name (and the demo by 127.0.0.1).
        secure.setSniHostCheck(false);
        http.addCustomizer(secure);
        http.setSendServerVersion(false);
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStore(settings.tls().keyStore());
        tls.setKeyStorePassword(settings.tls().keyStorePassword());
        tls.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        ServerConnector connector = new ServerConnector(server,
            new SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(http));
        connector.setHost(settings.bindAddress());
        connector.setPort(settings.port());
        return connector;
      });
      config.routes.before(this::securityHeaders);
      config.routes.get("/static/{asset}", this::asset);
      config.routes.get("/", ctx -> ctx.redirect(signedIn(ctx).isPresent() ? "/search" : "/login"));
      config.routes.get("/login", this::loginForm);
      config.routes.post("/login", this::login);
      config.routes.post("/logout", page(this::logout));
      config.routes.get("/search", page(this::search));
      config.routes.get("/computer", page(this::computer));
      config.routes.post("/computer/reveal", page(this::revealPage));
      config.routes.post("/computer/expire", page(this::expirePage));
      config.routes.get("/estate", page(this::estate));
      config.routes.post("/api/v1/session", this::apiLogin);
      config.routes.delete("/api/v1/session", api(this::apiLogout));
      config.routes.get("/api/v1/computers", api(this::apiSuggest));
      config.routes.get("/api/v1/computer", api(this::apiComputer));
      config.routes.post("/api/v1/computer/reveal", api(this::apiReveal));
      config.routes.post("/api/v1/computer/expire", api(this::apiExpire));
      config.routes.get("/api/v1/estate", api(this::apiEstate));
      config.routes.exception(Refusal.class, (e, ctx) -> refuse(ctx, e.status, e.getMessage()));
      config.routes.exception(DirectoryException.class, (e, ctx) -> directoryFailure(ctx, e));
      config.routes.exception(UncheckedIOException.class, (e, ctx) ->
          refuse(ctx, 500, "the audit log cannot be written, so nothing is shown: "
              + e.getMessage()));
      config.routes.exception(Exception.class, (e, ctx) ->
          refuse(ctx, 500, "internal error: " + e.getClass().getSimpleName()));
      config.routes.error(404, ctx -> {
        if (ctx.result() == null || ctx.result().isEmpty()) {
          refuse(ctx, 404, "no such page: " + ctx.path());
        }
      });
      config.routes.error(405, ctx -> refuse(ctx, 405, ctx.method() + " is not allowed on "
          + ctx.path()));
    }).start();
    long period = Math.max(1, Math.min(30, settings.idleTimeout().toSeconds() / 2));
    ScheduledFuture<?> unused = sweeper.scheduleAtFixedRate(() -> sessions.sweep(s ->
        audit.record(AuditRecord.of(clock.instant(), AuditRecord.SESSION_EXPIRED,
            AuditRecord.SUCCESS, s.userDn(), s.userSid(), null)
            .detail("the session timed out; its connection was closed and the password wiped"))),
        period, period, TimeUnit.SECONDS);
    return app.port();
  }

  public int port() {
    return app.port();
  }

  /** How many users are signed in on this instance. */
  public int sessionCount() {
    return sessions.size();
  }

  @Override
  public void close() {
    sweeper.shutdownNow();
    if (app != null) {
      app.stop();
    }
    sessions.close();
  }

  // ---- plumbing ----

  /** A refusal with its HTTP status; the message is for the user and holds no secret. */
  static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    Refusal(int status, String message) {
      this(status, message, null);
    }

    Refusal(int status, String message, Throwable cause) {
      super(message, cause, false, false);
      this.status = status;
    }
  }

  /** A handler that runs with the signed-in user's session. */
  @FunctionalInterface
  interface SessionHandler {
    void handle(Context ctx, Session session) throws Exception;
  }

  private void securityHeaders(Context ctx) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cache-Control", "no-store");
    ctx.header("Strict-Transport-Security", "max-age=31536000");
    ctx.header("Cross-Origin-Opener-Policy", "same-origin");
  }

  private void asset(Context ctx) {
    String name = ctx.pathParam("asset");
    byte[] body = assets.get(name);
    if (body == null) {
      throw new Refusal(404, "no such asset");
    }
    ctx.contentType(name.endsWith(".css") ? "text/css; charset=utf-8"
        : "text/javascript; charset=utf-8");
    ctx.header("Cache-Control", "max-age=3600");
    ctx.result(body);
  }

  private Optional<Session> signedIn(Context ctx) {
    return sessions.find(ctx.cookie(SESSION_COOKIE));
  }

  /** Pages: a missing or timed-out session goes to the sign-in form; POSTs need the CSRF form field. */
  private Handler page(SessionHandler handler) {
    return ctx -> {
      Optional<Session> session = signedIn(ctx);
      if (session.isEmpty()) {
        if ("GET".equals(ctx.method().name())) {
          ctx.redirect("/login");
          return;
        }
        throw new Refusal(401, "your session has ended; sign in again");
      }
      if ("POST".equals(ctx.method().name())) {
        checkCsrf(ctx, session.get(), ctx.formParam("csrf"));
      }
      handler.handle(ctx, session.get());
    };
  }

  /** The API: a session cookie, and for changes the CSRF token in its header. */
  private Handler api(SessionHandler handler) {
    return ctx -> {
      Optional<Session> session = signedIn(ctx);
      if (session.isEmpty()) {
        ctx.header("WWW-Authenticate", "Session realm=\"POST /api/v1/session\"");
        throw new Refusal(401, "sign in first: POST /api/v1/session");
      }
      if (!"GET".equals(ctx.method().name())) {
        checkCsrf(ctx, session.get(), ctx.header(CSRF_HEADER));
      }
      handler.handle(ctx, session.get());
    };
  }

  private void checkCsrf(Context ctx, Session session, String token) {
    if (token == null || !constantTimeEquals(token, session.csrfToken())) {
      audit.record(AuditRecord.of(clock.instant(), eventOf(ctx), AuditRecord.REFUSED,
          session.userDn(), session.userSid(), ctx.ip())
          .detail("missing or wrong CSRF token on " + ctx.method() + " " + ctx.path()));
      throw new Refusal(403, "the request lacks this session's CSRF token; reload the page");
    }
  }

  private static String eventOf(Context ctx) {
    String path = ctx.path();
    if (path.endsWith("/reveal")) {
      return AuditRecord.REVEAL;
    }
    if (path.endsWith("/expire")) {
      return AuditRecord.RESET;
    }
    return path.endsWith("logout") || path.endsWith("session") ? AuditRecord.SIGN_OUT
        : "request";
  }

  private static boolean constantTimeEquals(String a, String b) {
    return java.security.MessageDigest.isEqual(
        a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private boolean wantsJson(Context ctx) {
    return ctx.path().startsWith("/api/");
  }

  private void refuse(Context ctx, int status, String message) {
    ctx.status(status);
    if (wantsJson(ctx)) {
      ctx.contentType("application/json").result(toJson(Map.of("status", status,
          "error", message)));
    } else {
      Optional<Session> session = Optional.empty();
      try {
        session = signedIn(ctx);
      } catch (RuntimeException ignored) {
        // An error page needs no session.
      }
      render(ctx, "message.jte", new Pages.Message(frame(status == 404 ? "Not found"
          : "Refused", session.orElse(null)), status, message));
    }
  }

  private void directoryFailure(Context ctx, DirectoryException e) {
    int status = switch (e.kind()) {
      case NOT_FOUND -> 404;
      case AMBIGUOUS -> 409;
      case ACCESS_DENIED -> 403;
      case UNREACHABLE, TLS -> 503;
      case BIND -> 401;
      default -> 502;
    };
    refuse(ctx, status, e.getMessage());
  }

  private Pages.Frame frame(String title, Session session) {
    return session == null ? new Pages.Frame(title, null, null)
        : new Pages.Frame(title, session.userDn(), session.csrfToken());
  }

  private void render(Context ctx, String template, Object page) {
    StringOutput out = new StringOutput();
    templates.render(template, page, out);
    ctx.contentType("text/html; charset=utf-8").result(out.toString());
  }

  private String toJson(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  private void sendJson(Context ctx, Object value) {
    ctx.contentType("application/json").result(toJson(value));
  }

  private static String cookie(String name, String value, long maxAgeSeconds) {
    return name + "=" + value + "; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age="
        + maxAgeSeconds;
  }

  /** A name or DN typed or posted: present, not too long. */
  private static String name(String value) {
    if (value == null || value.isBlank()) {
      throw new Refusal(400, "name a computer");
    }
    if (value.length() > MAX_NAME) {
      throw new Refusal(400, "a computer name or DN is at most " + MAX_NAME + " characters");
    }
    return value;
  }

  private String reason(String typed) {
    String reason = typed == null ? "" : typed.strip();
    if (reason.length() > MAX_REASON) {
      throw new Refusal(400, "the reason is at most " + MAX_REASON + " characters");
    }
    if (settings.requireReason() && reason.isEmpty()) {
      throw new Refusal(400, "this deployment needs a reason for every reveal and reset");
    }
    return reason.isEmpty() ? null : reason;
  }

  private static int index(String value) {
    try {
      int index = Integer.parseInt(value == null ? "" : value.strip());
      if (index < 0) {
        throw new NumberFormatException();
      }
      return index;
    } catch (NumberFormatException e) {
      throw new Refusal(400, "index must be a whole number from 0: '" + value + "'", e);
    }
  }

  // ---- sign-in and sign-out ----

  private void loginForm(Context ctx) {
    if (signedIn(ctx).isPresent()) {
      ctx.redirect("/search");
      return;
    }
    String token = sessions.token();
    ctx.res().addHeader("Set-Cookie", cookie(LOGIN_COOKIE, token, 600));
    render(ctx, "login.jte", new Pages.Login(frame("Sign in", null), null, token, null));
  }

  private void login(Context ctx) {
    String user = ctx.formParam("user");
    String password = ctx.formParam("password");
    String posted = ctx.formParam("login");
    String expected = ctx.cookie(LOGIN_COOKIE);
    if (posted == null || expected == null || !constantTimeEquals(posted, expected)) {
      // The double-submit token: a form posted from another site cannot read our cookie.
      audit.record(AuditRecord.of(clock.instant(), AuditRecord.SIGN_IN, AuditRecord.REFUSED,
          user, null, ctx.ip()).detail("missing or wrong sign-in form token"));
      throw new Refusal(403, "the sign-in form expired or came from elsewhere; reload it");
    }
    try {
      Session session = signIn(ctx, user, password);
      ctx.res().addHeader("Set-Cookie", cookie(LOGIN_COOKIE, "", 0));
      ctx.res().addHeader("Set-Cookie", cookie(SESSION_COOKIE, session.id(),
          settings.absoluteTimeout().toSeconds()));
      ctx.redirect("/search");
    } catch (Refusal e) {
      String token = sessions.token();
      ctx.res().addHeader("Set-Cookie", cookie(LOGIN_COOKIE, token, 600));
      ctx.status(e.status);
      render(ctx, "login.jte", new Pages.Login(frame("Sign in", null), e.getMessage(), token,
          user));
    }
  }

  /** Binds as the user; a failure is audited and becomes one plain sentence. */
  private Session signIn(Context ctx, String user, String password) {
    if (user == null || user.isBlank() || password == null || password.isEmpty()) {
      throw new Refusal(400, "enter your account and password");
    }
    if (user.length() > MAX_NAME) {
      throw new Refusal(400, "the account name is at most " + MAX_NAME + " characters");
    }
    try {
      Session session = sessions.signIn(user.strip(), Secret.of(password));
      audit.record(AuditRecord.of(clock.instant(), AuditRecord.SIGN_IN, AuditRecord.SUCCESS,
          session.userDn(), session.userSid(), ctx.ip()));
      return session;
    } catch (DirectoryException e) {
      boolean badCredentials = e.kind() == DirectoryException.Kind.BIND;
      audit.record(AuditRecord.of(clock.instant(), AuditRecord.SIGN_IN, AuditRecord.REFUSED,
          user, null, ctx.ip()).detail(e.getMessage()));
      if (badCredentials) {
        throw new Refusal(401, "sign-in failed: the directory refused this account and"
            + " password", e);
      }
      throw new Refusal(503, "sign-in failed: " + e.getMessage(), e);
    }
  }

  private void logout(Context ctx, Session session) {
    signOut(ctx, session);
    ctx.redirect("/login");
  }

  private void signOut(Context ctx, Session session) {
    sessions.end(session);
    audit.record(AuditRecord.of(clock.instant(), AuditRecord.SIGN_OUT, AuditRecord.SUCCESS,
        session.userDn(), session.userSid(), ctx.ip()));
    ctx.res().addHeader("Set-Cookie", cookie(SESSION_COOKIE, "", 0));
  }

  // ---- pages ----

  private void search(Context ctx, Session session) throws DirectoryException {
    String query = ctx.queryParam("q");
    List<Pages.Hit> hits = new ArrayList<>();
    String message = null;
    if (query != null && !query.isBlank()) {
      name(query);
      for (ComputerRef c : ComputerSuggestions.startingWith(session.directory(), query.strip(),
          SUGGESTIONS)) {
        hits.add(new Pages.Hit(c.name(), c.dn(), c.dnsHostName()));
      }
      if (hits.size() == 1) {
        ctx.redirect(hits.get(0).link());
        return;
      }
      if (hits.isEmpty()) {
        message = "No computer's name starts with that.";
      }
    }
    render(ctx, "search.jte", new Pages.Search(frame("Search", session), query, hits, message));
  }

  private void computer(Context ctx, Session session) throws DirectoryException {
    ComputerLookup.Result read = ComputerLookup.read(session, name(ctx.queryParam("name")));
    renderComputer(ctx, session, read.view(), null, null, null);
  }

  private void renderComputer(Context ctx, Session session, ComputerView view, String notice,
      String error, String auditLine) {
    render(ctx, "computer.jte", new Pages.Computer(frame(view.name(), session), view, notice,
        error, auditLine, settings.requireReason(),
        settings.expireAfterUse().map(d -> d.toString().substring(2).toLowerCase(Locale.ROOT))
            .orElse(null)));
  }

  private void revealPage(Context ctx, Session session) throws DirectoryException {
    String name = name(ctx.formParam("name"));
    int index = index(ctx.formParam("index"));
    String reason;
    try {
      reason = reason(ctx.formParam("reason"));
    } catch (Refusal e) {
      ComputerLookup.Result read = ComputerLookup.read(session, name);
      auditRefusal(ctx, session, AuditRecord.REVEAL, read, null, null, e.getMessage());
      ctx.status(e.status);
      renderComputer(ctx, session, read.view(), null, e.getMessage(), null);
      return;
    }
    ComputerLookup.Result read = ComputerLookup.read(session, name);
    Revealed revealed = reveal(ctx, session, read, index, reason);
    if (revealed.refusal != null) {
      ctx.status(revealed.refusal.status);
      renderComputer(ctx, session, read.view(), null, revealed.refusal.getMessage(),
          revealed.lines.isEmpty() ? null : revealed.lines.get(0));
      return;
    }
    ComputerView shown = read.view().showing(index, read.passwords());
    if (revealed.expiry != null) {
      // Read again so the page shows the moved expiry.
      ComputerView after = ComputerLookup.read(session, read.computer().dn()).view();
      shown = new ComputerView(after.name(), after.dn(), after.samAccountName(),
          after.dnsHostName(), after.legacyExpiration(), after.windowsExpiration(),
          shown.values(), shown.whyNone(), shown.notes());
    }
    renderComputer(ctx, session, shown, "Revealed " + read.view().values().get(index).source()
        + "; the reveal is in the audit log."
        + (revealed.expiry == null ? "" : " Expire after use: " + revealed.expiry.detail() + "."),
        null, String.join("\n", revealed.lines));
  }

  /** What one reveal did: the audit lines, a refusal, the expiry move. */
  private static final class Revealed {
    final List<String> lines = new ArrayList<>();
    Refusal refusal;
    ExpiryWriter.Outcome expiry;
  }

  /**
   * Reveals value {@code index} of {@code read}: rate limit, whether it can be shown, the audit
   * record (written before anything is shown), then expire-after-use in the value's family.
   */
  private Revealed reveal(Context ctx, Session session, ComputerLookup.Result read, int index,
      String reason) {
    Revealed result = new Revealed();
    List<ValueView> values = read.view().values();
    ValueView value = index < values.size() ? values.get(index) : null;
    String which = value == null ? null : value.source();
    Instant now = clock.instant();
    String why = null;
    int status = 0;
    if (value == null) {
      why = values.isEmpty() && read.view().whyNone() != null ? read.view().whyNone()
          : "this computer has no value " + index;
      status = values.isEmpty() ? 403 : 400;
    } else if (!value.revealable()) {
      why = value.whyNot();
      status = 403;
    } else if (!limiter.allow(session.userDn(), now)) {
      why = "rate limit: at most " + settings.revealsPerMinute() + " reveals a minute";
      status = 429;
    }
    if (why != null) {
      result.lines.add(auditRefusal(ctx, session, AuditRecord.REVEAL, read, which, reason, why));
      result.refusal = new Refusal(status, why);
      return result;
    }
    result.lines.add(audit.record(AuditRecord.of(now, AuditRecord.REVEAL, AuditRecord.SUCCESS,
        session.userDn(), session.userSid(), ctx.ip())
        .computer(read.computer().name(), read.computer().dn()).value(which).reason(reason)));
    if (settings.expireAfterUse().isPresent()) {
      AttributeFamily family = ComputerLookup.familyOf(which);
      result.expiry = expiry.afterUse(session, read, family, settings.expireAfterUse().get(),
          now);
      result.lines.add(audit.record(AuditRecord.of(clock.instant(),
          AuditRecord.EXPIRE_AFTER_USE,
          result.expiry.moved() ? AuditRecord.SUCCESS : AuditRecord.REFUSED,
          session.userDn(), session.userSid(), ctx.ip())
          .computer(read.computer().name(), read.computer().dn())
          .value(io.lapsbridge.wire.LapsAttribute.expirationOf(family).ldapName())
          .reason(reason).detail(result.expiry.detail())));
    }
    return result;
  }

  private String auditRefusal(Context ctx, Session session, String event,
      ComputerLookup.Result read, String which, String reason, String why) {
    return audit.record(AuditRecord.of(clock.instant(), event, AuditRecord.REFUSED,
        session.userDn(), session.userSid(), ctx.ip())
        .computer(read.computer().name(), read.computer().dn()).value(which).reason(reason)
        .detail(why));
  }

  private void expirePage(Context ctx, Session session) throws DirectoryException {
    String name = name(ctx.formParam("name"));
    ComputerLookup.Result read = ComputerLookup.read(session, name);
    Expired expired;
    try {
      expired = expire(ctx, session, read, ctx.formParam("at"), reason(ctx.formParam("reason")));
    } catch (Refusal e) {
      String line = auditRefusal(ctx, session, AuditRecord.RESET, read, null, null,
          e.getMessage());
      ctx.status(e.status);
      renderComputer(ctx, session, read.view(), null, e.getMessage(), line);
      return;
    }
    ComputerView after = ComputerLookup.read(session, read.computer().dn()).view();
    String joined = String.join("\n", expired.lines);
    if (!expired.anyMoved) {
      ctx.status(403);
      renderComputer(ctx, session, after, null, "The expiry was not moved: "
          + String.join("; ", expired.details), joined);
      return;
    }
    renderComputer(ctx, session, after, "Expiry set: " + String.join("; ", expired.details),
        null, joined);
  }

  /** What one reset did, per family. */
  private static final class Expired {
    final List<String> lines = new ArrayList<>();
    final List<String> details = new ArrayList<>();
    boolean anyMoved;
  }

  /** Sets the expiry of every family the computer uses to {@code at} (UTC), or now. */
  private Expired expire(Context ctx, Session session, ComputerLookup.Result read, String at,
      String reason) {
    Instant when;
    if (at == null || at.isBlank()) {
      when = clock.instant();
    } else {
      try {
        when = at.strip().endsWith("Z") ? Instant.parse(at.strip())
            : LocalDateTime.parse(at.strip()).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        throw new Refusal(400, "the time must be ISO-8601, such as 2026-12-31T18:00: '" + at
            + "'", e);
      }
    }
    Set<AttributeFamily> families = EnumSet.noneOf(AttributeFamily.class);
    if (read.legacyExpiration().isPresent()) {
      families.add(AttributeFamily.LEGACY);
    }
    if (read.windowsExpiration().isPresent()) {
      families.add(AttributeFamily.WINDOWS);
    }
    if (families.isEmpty()) {
      throw new Refusal(409, "this computer has no LAPS expiry to move");
    }
    Expired result = new Expired();
    for (AttributeFamily family : families) {
      ExpiryWriter.Outcome outcome = expiry.reset(session, read, family, when);
      result.anyMoved |= outcome.moved();
      result.details.add(outcome.detail());
      result.lines.add(audit.record(AuditRecord.of(clock.instant(), AuditRecord.RESET,
          outcome.moved() ? AuditRecord.SUCCESS : AuditRecord.REFUSED, session.userDn(),
          session.userSid(), ctx.ip())
          .computer(read.computer().name(), read.computer().dn())
          .value(io.lapsbridge.wire.LapsAttribute.expirationOf(family).ldapName())
          .reason(reason).detail(outcome.detail())));
    }
    return result;
  }

  private void estate(Context ctx, Session session) throws DirectoryException {
    EstateCounts counts = EstateCounts.of(session.directory(), clock.instant());
    List<io.lapsbridge.report.PermissionRows.AuditRow> readers = List.of();
    String problem = null;
    try {
      // The same audit as `permissions audit`, with the user's rights: AD lets most accounts
      // read the DACLs; where it does not, the page says so and shows the counts alone.
      readers = io.lapsbridge.usecase.AuditPermissions.run(session.directory(),
          EnumSet.allOf(AttributeFamily.class), false, warning -> { });
    } catch (DirectoryException e) {
      if (e.kind() == DirectoryException.Kind.UNREACHABLE) {
        throw e;
      }
      problem = "The permission audit cannot be read with your account: " + e.getMessage();
    }
    render(ctx, "estate.jte", new Pages.Estate(frame("Estate", session), counts, readers,
        problem));
  }

  // ---- the JSON API ----

  private JsonNode body(Context ctx) {
    String type = ctx.contentType();
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      // Only a same-origin script or a non-browser client can send JSON: no CSRF by form.
      throw new Refusal(415, "send the request body as application/json");
    }
    try {
      JsonNode node = json.readTree(ctx.body());
      if (node == null || !node.isObject()) {
        throw new Refusal(400, "the body must be a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new Refusal(400, "the body is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new Refusal(400, "'" + field + "' must be a string");
    }
    return value.asText();
  }

  private void apiLogin(Context ctx) {
    JsonNode body = body(ctx);
    Session session = signIn(ctx, text(body, "user"), text(body, "password"));
    ctx.res().addHeader("Set-Cookie", cookie(SESSION_COOKIE, session.id(),
        settings.absoluteTimeout().toSeconds()));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("user", session.userDn());
    answer.put("sid", session.userSid());
    answer.put("csrfToken", session.csrfToken());
    answer.put("idleTimeoutSeconds", settings.idleTimeout().toSeconds());
    answer.put("absoluteTimeoutSeconds", settings.absoluteTimeout().toSeconds());
    ctx.status(201);
    sendJson(ctx, answer);
  }

  private void apiLogout(Context ctx, Session session) {
    signOut(ctx, session);
    ctx.status(204);
  }

  private void apiSuggest(Context ctx, Session session) throws DirectoryException {
    String prefix = ctx.queryParam("prefix");
    if (prefix == null || prefix.isBlank()) {
      throw new Refusal(400, "give ?prefix= with the first characters of a name");
    }
    name(prefix);
    List<Pages.Hit> hits = new ArrayList<>();
    for (ComputerRef c : ComputerSuggestions.startingWith(session.directory(), prefix.strip(),
        SUGGESTIONS)) {
      hits.add(new Pages.Hit(c.name(), c.dn(), c.dnsHostName()));
    }
    sendJson(ctx, hits);
  }

  private void apiComputer(Context ctx, Session session) throws DirectoryException {
    sendJson(ctx, ComputerLookup.read(session, name(ctx.queryParam("name"))).view());
  }

  private void apiReveal(Context ctx, Session session) throws DirectoryException {
    JsonNode body = body(ctx);
    String name = name(text(body, "name"));
    JsonNode indexNode = body.get("index");
    if (indexNode != null && !indexNode.isNull() && !indexNode.canConvertToExactIntegral()) {
      throw new Refusal(400, "'index' must be a whole number");
    }
    ComputerLookup.Result read = ComputerLookup.read(session, name);
    String reason;
    try {
      reason = reason(text(body, "reason"));
    } catch (Refusal e) {
      auditRefusal(ctx, session, AuditRecord.REVEAL, read, null, null, e.getMessage());
      throw e;
    }
    int index = indexNode == null || indexNode.isNull() ? 0 : indexNode.asInt();
    if (index < 0) {
      throw new Refusal(400, "'index' must be 0 or more");
    }
    Revealed revealed = reveal(ctx, session, read, index, reason);
    if (revealed.refusal != null) {
      throw revealed.refusal;
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("computer", read.view().showing(index, read.passwords()));
    answer.put("revealed", index);
    answer.put("expireAfterUse", revealed.expiry == null ? null : revealed.expiry.detail());
    sendJson(ctx, answer);
  }

  private void apiExpire(Context ctx, Session session) throws DirectoryException {
    JsonNode body = body(ctx);
    ComputerLookup.Result read = ComputerLookup.read(session, name(text(body, "name")));
    Expired expired;
    try {
      expired = expire(ctx, session, read, text(body, "at"), reason(text(body, "reason")));
    } catch (Refusal e) {
      auditRefusal(ctx, session, AuditRecord.RESET, read, null, null, e.getMessage());
      throw e;
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("moved", expired.anyMoved);
    answer.put("details", expired.details);
    ctx.status(expired.anyMoved ? 200 : 403);
    sendJson(ctx, answer);
  }

  private void apiEstate(Context ctx, Session session) throws DirectoryException {
    sendJson(ctx, EstateCounts.of(session.directory(), clock.instant()));
  }

  /** For tests and the demo: where problems of the audit forwarders go. */
  static Consumer<String> stderr() {
    return problem -> System.err.println("lapsbridge: serve: " + problem);
  }
}
