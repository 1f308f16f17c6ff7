package dev.prune.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.prune.ir.Graph;
import dev.prune.ir.Parameter;
import dev.prune.search.SupernetInputs;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the executors decode is the driver's supernet and batches (scoring and recalibration), bit for bit. */
class SupernetCodecTest {

    @Test
    void aSupernetSurvivesTheTripToTheExecutors() {
        SupernetInputs tiny = TinySupernet.inputs(3, 16, 2, 8);
        SupernetInputs sent = new SupernetInputs(tiny.supernet(), tiny.candidates(), tiny.batches(), List.of(tiny.batches().get(1)));
        SupernetInputs received = SupernetCodec.decode(SupernetCodec.encode(sent));
        Graph a = sent.supernet();
        Graph b = received.supernet();
        assertEquals(a.name(), b.name());
        assertEquals(a.inputs(), b.inputs());
        assertEquals(a.outputNames(), b.outputNames());
        assertEquals(a.nodes(), b.nodes());
        assertEquals(a.parameters().keySet().stream().toList(), b.parameters().keySet().stream().toList());
        for (Parameter p : a.parameters().values()) {
            Parameter q = b.parameters().get(p.name());
            assertEquals(p.kind(), q.kind());
            assertArrayEquals(p.value().shape(), q.value().shape());
            assertArrayEquals(p.value().toArray(), q.value().toArray(), p.name());
        }
        assertEquals(sent.candidates(), received.candidates());
        assertEquals(sent.batches(), received.batches());
        assertEquals(sent.recalibration(), received.recalibration());
    }
}
