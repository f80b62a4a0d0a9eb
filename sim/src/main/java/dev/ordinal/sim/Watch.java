package dev.ordinal.sim;

/**
 * A registered watch; closing it stops the deliveries.
 *
 * @since 0.1.0
 */
public interface Watch extends AutoCloseable {

  /** Stops delivering events. Closing twice does nothing. */
  @Override
  void close();
}
