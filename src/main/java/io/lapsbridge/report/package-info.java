/**
 * What commands print: one writer per format ({@link io.lapsbridge.report.TextOutput}, {@link
 * io.lapsbridge.report.JsonOutput}, {@link io.lapsbridge.report.CsvOutput}) and the report records
 * they print, such as a get-password view, a KDS key row, a permissions row, the inventory, the
 * policy report, the agent's cycle and the demo's estate summary; and the progress meter that long
 * batches draw on stderr.
 *
 * <p>Owns: property names and order of every {@code --format json} and {@code --format csv}
 * output (the record components, in declaration order), RFC 4180 CSV (CRLF, quoted only where
 * needed), the text layouts and the self-contained HTML inventory.
 *
 * <p>May import the value types it renders ({@code model}, {@code wire}, {@code policy}, {@code
 * migration}, {@code crypto}, {@code decryption}, {@code directory} records), Jackson and the JDK.
 * Must not import {@code cli}, picocli, UnboundID or {@code keyfile}, and does no file or network
 * I/O: it writes to the {@link java.io.Writer} it is given. Records that carry a password mask it in {@code toString()}.
 */
package io.lapsbridge.report;
