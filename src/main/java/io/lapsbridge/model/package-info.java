/**
 * Values shared by every layer: computer identities, {@link io.lapsbridge.model.Secret},
 * {@link io.lapsbridge.model.FileTime}, password sources and attribute families.
 *
 * <p>Imports the JDK only.
 */
package io.lapsbridge.model;
