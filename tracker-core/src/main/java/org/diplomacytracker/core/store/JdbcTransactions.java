package org.diplomacytracker.core.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.ConnectionWrapperFactory;
import org.axonframework.common.jdbc.JdbcException;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

/**
 * JDBC transactions bound to the current thread, for Axon without Spring. The outermost
 * {@link #startTransaction()} takes a pooled connection and binds it; nested ones join it, so that
 * everything a unit of work does — several aggregates' events, token updates — commits or rolls back
 * together. {@link #getConnection()} hands out the bound connection (with a no-op close) while a
 * transaction is open, and a plain auto-commit connection otherwise.
 */
public final class JdbcTransactions implements TransactionManager, ConnectionProvider {

    private final DataSource dataSource;
    private final ThreadLocal<Bound> current = new ThreadLocal<>();

    public JdbcTransactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Transaction startTransaction() {
        Bound bound = current.get();
        if (bound != null) {
            bound.depth++;
            return new Joined(bound);
        }
        Connection connection;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            throw new JdbcException("could not open a database transaction", e);
        }
        Bound fresh = new Bound(connection);
        current.set(fresh);
        return new Outermost(fresh);
    }

    @Override
    public Connection getConnection() throws SQLException {
        Bound bound = current.get();
        if (bound == null) {
            return dataSource.getConnection();
        }
        // close and commit belong to the outermost transaction
        return ConnectionWrapperFactory.wrap(bound.connection, new ConnectionWrapperFactory.NoOpCloseHandler());
    }

    private static final class Bound {
        final Connection connection;
        int depth = 1;
        boolean rollbackOnly;

        Bound(Connection connection) {
            this.connection = connection;
        }
    }

    /** A nested transaction: its commit leaves the work to the outermost one, its rollback dooms it. */
    private static final class Joined implements Transaction {
        private final Bound bound;
        private boolean done;

        Joined(Bound bound) {
            this.bound = bound;
        }

        @Override
        public void commit() {
            if (!done) {
                done = true;
                bound.depth--;
            }
        }

        @Override
        public void rollback() {
            if (!done) {
                done = true;
                bound.depth--;
            }
            bound.rollbackOnly = true;
        }
    }

    private final class Outermost implements Transaction {
        private final Bound bound;
        private boolean done;

        Outermost(Bound bound) {
            this.bound = bound;
        }

        @Override
        public void commit() {
            if (done) {
                return;
            }
            done = true;
            try {
                if (bound.rollbackOnly) {
                    bound.connection.rollback();
                    throw new JdbcException("the transaction was rolled back by a nested unit of work", null);
                }
                bound.connection.commit();
            } catch (SQLException e) {
                throw new JdbcException("could not commit the transaction", e);
            } finally {
                release();
            }
        }

        @Override
        public void rollback() {
            if (done) {
                return;
            }
            done = true;
            try {
                bound.connection.rollback();
            } catch (SQLException e) {
                throw new JdbcException("could not roll back the transaction", e);
            } finally {
                release();
            }
        }

        private void release() {
            current.remove();
            try {
                bound.connection.setAutoCommit(true);
                bound.connection.close();
            } catch (SQLException ignored) {
                // the pool evicts a broken connection on its own
            }
        }
    }
}
