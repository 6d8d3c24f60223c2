/**
 * The stand-in for Microsoft Graph and the identity platform (#16), for {@code demo} and the
 * tests: an HTTPS server ({@code com.sun.net.httpserver}) with the token endpoint (client secret,
 * client assertion signed by a certificate, device code), the device credential endpoints in the
 * documented shapes (wrapped or unwrapped single device, UTF-16LE or UTF-8 passwords, paging with
 * {@code @odata.nextLink}), devices with their on-premises SID, Intune's managed devices and
 * {@code rotateLocalAdminPassword}, 403 for a missing permission or role, 429 with {@code
 * Retry-After} on demand, and a synthetic tenant of any size generated page by page.
 *
 * <p>Imports {@code model}, the stand-in's TLS identity ({@code embedded.StandInCertificate}),
 * Jackson's generator and the JDK; never {@code entra}, so that the stand-in cannot lean on the
 * code it is used to test.
 */
package io.lapsbridge.embedded.entra;
