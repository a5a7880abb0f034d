package org.diplomacytracker.core.store;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Tells a unique-key violation — another writer appended the same sequence number of a process
 * first — from other failures, so that Axon reports it as a concurrency conflict and the recorder
 * decides again. Axon's JDBC resolver knows only {@link SQLIntegrityConstraintViolationException};
 * the PostgreSQL driver raises a plain exception with SQLState 23505 instead (inside a batch
 * failure), so the SQLState is checked along the whole cause chain.
 */
public final class DuplicateKeyResolver implements PersistenceExceptionResolver {

    private static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLIntegrityConstraintViolationException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null; e = e.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
