package io.lapsbridge.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.model.Secret;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.server.annotations.CreateLdapServer;
import org.apache.directory.server.annotations.CreateTransport;
import org.apache.directory.server.core.annotations.CreateDS;
import org.apache.directory.server.core.api.interceptor.BaseInterceptor;
import org.apache.directory.server.core.api.interceptor.context.BindOperationContext;
import org.apache.directory.server.core.integ.AbstractLdapTestUnit;
import org.apache.directory.server.core.integ.ApacheDSTestExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A server that offers no StartTLS (an ApacheDS from apacheds-test-framework with plain LDAP only
 * and no StartTLS handler, unlike the stand-in): {@code --start-tls} must fail with exit 3 and
 * never fall back to a cleartext bind, which would send the password in the clear. An
 * interceptor counts the binds the server sees.
 */
@ExtendWith(ApacheDSTestExtension.class)
@CreateDS(name = "StartTlsRefusedIT")
@CreateLdapServer(transports = @CreateTransport(protocol = "LDAP", address = "127.0.0.1"))
public class StartTlsRefusedIT extends AbstractLdapTestUnit {
  private static final AtomicInteger BINDS = new AtomicInteger();

  @BeforeAll
  static void countBinds() throws Exception {
    classDirectoryService.addFirst(new BaseInterceptor("bind-counter") {
      @Override
      public void bind(BindOperationContext bindContext) throws LdapException {
        BINDS.incrementAndGet();
        next(bindContext);
      }
    });
  }

  private static ConnectionSettings settings(TransportSecurity security, String password) {
    return new ConnectionSettings("127.0.0.1", classLdapServer.getPort(), security,
        "uid=admin,ou=system", Secret.of(password), null, "ou=system", Duration.ofSeconds(10));
  }

  @Test
  void startTlsRefusedMeansNoBindAtAll() {
    ConnectionSettings settings = settings(TransportSecurity.START_TLS, "secret");
    int before = BINDS.get();
    DirectoryException e = assertThrows(DirectoryException.class,
        () -> LapsDirectory.open(settings).close());
    // The SDK reports the server's "unrecognized extended operation" as an LDAPException, which
    // the connector files under UNREACHABLE; like TLS and BIND it is exit 3.
    assertEquals(DirectoryException.Kind.UNREACHABLE, e.kind(), e.getMessage());
    assertTrue(e.getMessage().startsWith("cannot reach " + settings.endpoint() + ": "),
        e.getMessage());
    assertTrue(e.getMessage().contains("1.3.6.1.4.1.1466.20037"), e.getMessage());
    assertEquals(before, BINDS.get(), "a bind reached the server without TLS");
  }

  @Test
  void aWrongPasswordIsNotConfusedWithTheMissingStartTls() throws Exception {
    // The same server in cleartext: the bind is reached and judged on its own.
    DirectoryException e = assertThrows(DirectoryException.class,
        () -> LapsDirectory.open(settings(TransportSecurity.NONE, "wrong")).close());
    assertEquals(DirectoryException.Kind.BIND, e.kind(), e.getMessage());
    assertTrue(e.getMessage().contains("invalid credentials"), e.getMessage());
    int before = BINDS.get();
    LapsDirectory.open(settings(TransportSecurity.NONE, "secret")).close();
    assertEquals(before + 1, BINDS.get(), "the bind counter sees binds");
  }
}
