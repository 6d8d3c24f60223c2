package io.lapsbridge.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lapsbridge.doctor.Finding;
import io.lapsbridge.doctor.Status;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class DoctorReportTest {
  private static final List<Finding> FINDINGS = List.of(
      new Finding("schema", Status.OK, "legacy LAPS", "2 attributes present", ""),
      new Finding("kds-root-key", Status.PROBLEM, "CN=Master Root Keys", "no KDS root key",
          "Add-KdsRootKey, then wait"));

  private static String print(OutputFormat format) {
    StringWriter out = new StringWriter();
    DoctorReport.print(new PrintWriter(out), format, FINDINGS);
    return out.toString();
  }

  @Test
  void textIsABlockPerFindingWithTheFixWhenThereIsOne() {
    assertEquals(String.join(System.lineSeparator(),
        "OK       schema: legacy LAPS",
        "         2 attributes present",
        "PROBLEM  kds-root-key: CN=Master Root Keys",
        "         no KDS root key",
        "         fix: Add-KdsRootKey, then wait", ""), print(OutputFormat.TEXT));
  }

  @Test
  void csvHasOneRowPerFindingWithLowerCaseStatus() {
    assertEquals("check,status,subject,evidence,fix\r\n"
        + "schema,ok,legacy LAPS,2 attributes present,\r\n"
        + "kds-root-key,problem,CN=Master Root Keys,no KDS root key,\"Add-KdsRootKey, then"
        + " wait\"\r\n", print(OutputFormat.CSV));
  }

  @Test
  void jsonIsTheArrayOfRows() {
    assertEquals(true, print(OutputFormat.JSON).startsWith("[ {\n  \"check\" : \"schema\",\n"
        + "  \"status\" : \"ok\","), print(OutputFormat.JSON));
  }

  @Test
  void theSummaryCountsEachStatus() {
    assertEquals("doctor: 2 findings: 1 ok, 0 warnings, 1 problem",
        DoctorReport.summary(FINDINGS));
  }
}
