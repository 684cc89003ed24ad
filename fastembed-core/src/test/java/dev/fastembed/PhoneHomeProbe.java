package dev.fastembed;

import java.net.InetAddress;
import java.net.SocketPermission;
import java.security.Permission;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Run in a child JVM by {@link NoPhoneHomeIT}: records every attempt to reach a non-loopback host (and
 * refuses it, so nothing leaves the machine) while the default model loads and embeds.
 */
public final class PhoneHomeProbe {

    private PhoneHomeProbe() {
    }

    public static void main(String[] args) {
        List<String> attempts = new CopyOnWriteArrayList<>();
        System.setSecurityManager(new SecurityManager() {
            @Override
            public void checkPermission(Permission permission) {
                if (permission instanceof SocketPermission socket && socket.getActions().contains("connect")) {
                    String host = socket.getName().replaceFirst(":.*$", "").replace("[", "").replace("]", "");
                    if (!isLoopback(host)) {
                        attempts.add(socket.getName());
                        throw new SecurityException("blocked by PhoneHomeProbe: " + socket.getName());
                    }
                }
            }

            @Override
            public void checkPermission(Permission permission, Object context) {
                checkPermission(permission);
            }
        });
        String outcome;
        try (TextEmbedding model = TextEmbedding.builder().offline(true).build()) {
            outcome = "vector of " + model.embed("hello world").length;
        } catch (RuntimeException e) {
            outcome = "failed: " + e;
        }
        System.out.println("OUTCOME=" + outcome);
        System.out.println("OPT_OUT_TRACKING=" + System.getProperty("OPT_OUT_TRACKING"));
        System.out.println("ATTEMPTS=" + attempts);
        System.exit(0);
    }

    private static boolean isLoopback(String host) {
        if (host.isEmpty() || host.equals("localhost")) {
            return true;
        }
        try {
            // literal addresses only: resolving a name here would itself be a lookup
            if (Character.digit(host.charAt(0), 16) >= 0 || host.contains(":")) {
                return InetAddress.getByName(host).isLoopbackAddress();
            }
        } catch (Exception e) {
            return false;
        }
        return false;
    }
}
