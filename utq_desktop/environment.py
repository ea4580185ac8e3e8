"""Environment variables the application reads (a light module: safe to import at start-up)."""

DATABASE_ENV_VAR = "UTQ_DATABASE_URL"  # the database when --database is not given
USER_ENV_VAR = "UTQ_USER"  # who is recorded in the audit trail, instead of the OS login
