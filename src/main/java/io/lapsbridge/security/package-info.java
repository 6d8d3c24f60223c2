/**
 * NT security descriptors as Active Directory stores them in {@code nTSecurityDescriptor}:
 * a strict codec for the binary self-relative form, SDDL rendering and parsing for the ACE
 * subset LAPS delegation needs, the LAPS grants of both families and what a grant does to an ACL
 * ({@code DelegationPlan}), and the effective-reader analysis behind {@code permissions audit}.
 *
 * <p>Pure: imports only {@code model}, {@code wire} (the one little-endian reader and writer,
 * GUID and SID codecs) and the JDK. The directory adapter reads and writes the bytes; nothing
 * here does I/O.
 */
package io.lapsbridge.security;
