/**
 * Values shared by every layer: computer identities, {@link io.lapsbridge.model.Secret},
 * {@link io.lapsbridge.model.FileTime}, password sources, attribute families, and
 * {@link io.lapsbridge.model.Sid}, the one security identifier type.
 *
 * <p>Imports the JDK only.
 */
package io.lapsbridge.model;
