package io.lapsbridge.directory;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import io.lapsbridge.migration.ComputerSnapshot;
import io.lapsbridge.wire.BinaryFormatException;
import io.lapsbridge.wire.LittleEndianReader;
import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * The estate as {@link EstateReader} streams it, with each computer's {@code objectSid}: what
 * matches an AD computer to its hybrid-joined Entra device ({@code
 * onPremisesSecurityIdentifier}, #16). One page in memory at a time.
 */
public final class ComputerSids {
  private ComputerSids() {}

  /**
   * Streams every computer under the directory's base with its SID as text (null when it has
   * none or it is malformed).
   */
  public static void forEachComputer(LapsDirectory directory,
      BiConsumer<ComputerSnapshot, String> action) throws DirectoryException {
    String[] attributes = Arrays.copyOf(EstateReader.ATTRIBUTES, EstateReader.ATTRIBUTES.length + 1);
    attributes[attributes.length - 1] = "objectSid";
    String base = directory.baseDn();
    ASN1OctetString cookie = null;
    do {
      SearchRequest request = new SearchRequest(base, SearchScope.SUB,
          Filter.createEqualityFilter("objectClass", "computer"), attributes);
      request.setControls(new SimplePagedResultsControl(EstateReader.PAGE_SIZE, cookie, true));
      SearchResult result;
      try {
        result = directory.connection().search(request);
      } catch (LDAPSearchException e) {
        throw LapsDirectory.failure("paged search for computers", base, null, e);
      }
      for (SearchResultEntry entry : result.getSearchEntries()) {
        action.accept(EstateReader.snapshot(entry), sid(entry.getAttributeValueBytes("objectSid")));
      }
      try {
        SimplePagedResultsControl response = SimplePagedResultsControl.get(result);
        cookie = response == null || !response.moreResultsToReturn() ? null : response.getCookie();
      } catch (LDAPException e) {
        throw LapsDirectory.failure("paged search for computers", base, null, e);
      }
    } while (cookie != null);
  }

  /**
   * {@link #forEachComputer}, for a migration (as {@link EstateReader#forEachReadableComputer}):
   * stops with access denied at the first computer holding a password this bind cannot read.
   */
  public static void forEachReadableComputer(LapsDirectory directory,
      BiConsumer<ComputerSnapshot, String> action) throws DirectoryException {
    DirectoryException[] denied = new DirectoryException[1];
    forEachComputer(directory, (snapshot, sid) -> {
      if (denied[0] == null) {
        denied[0] = EstateReader.hidden(snapshot);
      }
      if (denied[0] == null) {
        action.accept(snapshot, sid);
      }
    });
    if (denied[0] != null) {
      throw denied[0];
    }
  }

  private static String sid(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      return LittleEndianReader.sidOf(bytes).toString();
    } catch (BinaryFormatException e) {
      return null;
    }
  }
}
