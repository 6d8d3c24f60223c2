package io.lapsbridge.rotation;

/**
 * The steps the agent reports, each with the Windows LAPS event ID (channel
 * Microsoft-Windows-LAPS/Operational) and, where the legacy AdmPwd CSE had one, its Application
 * log ID, so that admins can grep for the numbers they already know. IDs 19xxx are ours: the real
 * clients keep no journal.
 */
public enum AgentEvent {
  CYCLE_STARTED(10003, 15, Level.INFO),
  CYCLE_SUCCEEDED(10004, 14, Level.INFO),
  CYCLE_FAILED(10005, 0, Level.ERROR),
  NOT_MANAGED(10007, 16, Level.INFO),
  QUERY_FAILED(10011, 4, Level.ERROR),
  SCHEMA_MISSING(10012, 4, Level.ERROR),
  ACCOUNT_NOT_FOUND(10013, 3, Level.ERROR),
  ADMIN_REQUESTED(10014, 0, Level.INFO),
  UPDATE_NEEDED(10015, 10, Level.INFO),
  NOT_DUE(10016, 11, Level.INFO),
  DIRECTORY_UPDATE_FAILED(10017, 7, Level.ERROR),
  DIRECTORY_UPDATED(10018, 13, Level.INFO),
  LOCAL_UPDATE_FAILED(10019, 6, Level.ERROR),
  LOCAL_UPDATED(10020, 12, Level.INFO),
  POLICY_WINDOWS(10021, 0, Level.INFO),
  POLICY_LEGACY(10023, 0, Level.INFO),
  POST_AUTH_SCHEDULED(10041, 0, Level.INFO),
  POST_AUTH_DUE(10042, 0, Level.INFO),
  POST_AUTH_FAILED(10043, 0, Level.ERROR),
  POST_AUTH_DONE(10044, 0, Level.INFO),
  BIND_FAILED(10057, 2, Level.ERROR),
  LEGACY_WRITE_DENIED(10065, 7, Level.ERROR),
  JOURNAL_FOUND(19001, 0, Level.WARN),
  JOURNAL_RECONCILED(19002, 0, Level.INFO),
  JOURNAL_FAILED(19003, 0, Level.ERROR),
  DIRECTORY_RESTORED(19004, 0, Level.WARN),
  REFUSED(19005, 0, Level.ERROR),
  DRY_RUN(19006, 0, Level.INFO),
  ACCOUNT_MANAGED(19007, 0, Level.INFO),
  LOGIN_RECORDS_UNREADABLE(19008, 0, Level.WARN);

  /** Severity, as the event log would show it. */
  public enum Level { INFO, WARN, ERROR }

  private final int id;
  private final int admPwdId;
  private final Level level;

  AgentEvent(int id, int admPwdId, Level level) {
    this.id = id;
    this.admPwdId = admPwdId;
    this.level = level;
  }

  public int id() {
    return id;
  }

  /** The legacy AdmPwd CSE's event ID for the same step; 0 when it had none. */
  public int admPwdId() {
    return admPwdId;
  }

  public Level level() {
    return level;
  }
}
