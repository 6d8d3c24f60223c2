/**
 * The ApacheDS stand-in for Active Directory used by {@code demo} and the IT suite: the AD-like
 * schema and fixtures shipped in {@code test-ldap/}, the LAPS schema from {@code schema-ldif/},
 * access control that mirrors AD's confidential attributes, TLS, and a sample-estate generator.
 * Its domain controller's RPC side (GetKey) is in {@code embedded.gkdi}, fed with the stand-in's
 * accounts by {@link io.lapsbridge.embedded.DirectoryPrincipals}.
 *
 * <p>The only package that imports ApacheDS ({@code org.apache.directory}). Also imports {@code
 * model}, {@code wire}, {@code password}, {@code crypto} (the encrypted fixtures are made by our
 * encryptor, see {@link io.lapsbridge.embedded.KdsFixture}), {@code security} and {@code rpc}'s
 * server side; never {@code directory}, so that the stand-in cannot lean on the code it is used
 * to test.
 */
package io.lapsbridge.embedded;
