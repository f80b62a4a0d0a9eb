/** A user's module: it reads Ordinal's modules by their declared names. */
@SuppressWarnings("requires-automatic") // Ordinal's jars are automatic modules (no module-info)
module example.consumer {
  requires dev.ordinal.api;
  requires dev.ordinal.core;
}
