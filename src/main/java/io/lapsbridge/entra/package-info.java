/**
 * Microsoft Entra ID through Microsoft Graph (#16): tokens from the identity platform with MSAL
 * ({@link io.lapsbridge.entra.MsalTokens}: client secret, certificate, device code), the Graph
 * HTTP client with streamed paging and bounded 429 retries ({@link
 * io.lapsbridge.entra.GraphClient}), the strict reader of the documented response shapes
 * ({@link io.lapsbridge.entra.GraphJson}, with the UTF-16LE/UTF-8 rule of {@link
 * io.lapsbridge.entra.PasswordEncoding}), and {@link io.lapsbridge.entra.EntraDirectory}, the
 * operations the commands need: a device's credentials, the backed-up device list, devices with
 * their on-premises SID, and the Intune rotation action.
 *
 * <p>The only package that talks to Entra or imports MSAL. It never imports {@code directory}:
 * matching an AD computer to its Entra device is the use cases' work. A token, client secret or
 * password never appears in a message, log line or {@code toString}.
 */
package io.lapsbridge.entra;
