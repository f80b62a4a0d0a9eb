package dev.ordinal.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Prints the project version, filtered into a resource at build time, and the release modelled. */
final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() throws IOException {
    Properties properties = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    }
    return new String[] {
      "ordinal " + properties.getProperty("version", "unknown"),
      "the StatefulSet controller of Kubernetes v1.35 (v1.34 with --kubernetes 1.34)"
    };
  }
}
