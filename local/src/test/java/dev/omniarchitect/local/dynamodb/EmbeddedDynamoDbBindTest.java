package dev.omniarchitect.local.dynamodb;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's store answers on loopback only: nobody else on the network reads the user's prompts and answers. */
class EmbeddedDynamoDbBindTest {

    @TempDir
    Path data;

    @Test
    void listensOnLoopbackOnly() throws IOException {
        List<InetAddress> others = nonLoopbackAddresses();
        assumeFalse(others.isEmpty(), "this machine has no address but loopback: nothing to refuse a connection on");
        try (EmbeddedDynamoDb dynamoDb = EmbeddedDynamoDb.persistentIn(data)) {
            int port = dynamoDb.endpoint().getPort();
            assertTrue(connects(InetAddress.getLoopbackAddress(), port), "loopback reaches the store");
            for (InetAddress address : others) {
                assertThrows(ConnectException.class, () -> connects(address, port),
                        "the store must not answer on " + address.getHostAddress());
            }
        }
    }

    private static boolean connects(InetAddress address, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2_000);
            return socket.isConnected();
        }
    }

    private static List<InetAddress> nonLoopbackAddresses() throws SocketException {
        return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .filter(network -> {
                    try {
                        return network.isUp() && !network.isLoopback();
                    } catch (SocketException e) {
                        return false;
                    }
                })
                .flatMap(network -> Collections.list(network.getInetAddresses()).stream())
                .filter(address -> address instanceof Inet4Address && !address.isLinkLocalAddress())
                .toList();
    }
}
