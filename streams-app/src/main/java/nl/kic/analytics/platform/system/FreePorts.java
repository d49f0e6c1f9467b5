package nl.kic.analytics.platform.system;

import java.io.IOException;
import java.net.ServerSocket;

/** Local ports for servers started here: the embedded broker, and the processes and servers of the tests. */
public final class FreePorts {
    private FreePorts() {
    }

    /**
     * Ports nothing listens on now, all different: each socket stays open until every port is
     * known, since the system may hand out a port again as soon as its socket closes.
     */
    public static int[] take(int count) throws IOException {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0);
                sockets[i].setReuseAddress(true);
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    socket.close();
                }
            }
        }
    }
}
