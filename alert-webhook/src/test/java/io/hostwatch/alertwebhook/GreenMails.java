package io.hostwatch.alertwebhook;

import com.icegreen.greenmail.util.ServerSetup;
import io.hostwatch.common.testing.FreePorts;

/** GreenMail server setups for the tests. */
public final class GreenMails {
  private GreenMails() {}

  /** A loopback server; generous start-up timeout, the CI machine is shared. */
  public static ServerSetup setup(String protocol) {
    return setup(protocol, FreePorts.next());
  }

  public static ServerSetup setup(String protocol, int port) {
    ServerSetup setup = new ServerSetup(port, "127.0.0.1", protocol);
    setup.setServerStartupTimeout(30_000);
    return setup;
  }
}
