package io.lapsbridge.model;

/** The two LAPS attribute families that a computer object can carry. */
public enum AttributeFamily {
  /** Legacy Microsoft LAPS: {@code ms-Mcs-AdmPwd} and {@code ms-Mcs-AdmPwdExpirationTime}. */
  LEGACY,
  /** Windows LAPS: the {@code msLAPS-*} attributes. */
  WINDOWS
}
