package dev.fastembed.spark;

import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * One partition through the executor's model, lazily: the non-null inputs flow through the facade's stream, which
 * reads ahead a few batches and keeps outputs in order; the rows wait in a queue until their output comes back,
 * and rows whose input is null get null outputs without reaching the model. Nothing of the partition is held
 * beyond the read-ahead window.
 */
abstract class PartitionEmbedder implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;
    private static final int EXCERPT = 80;

    private final ModelOptions options;
    private final int inputIndex;
    private final int outputColumns;

    PartitionEmbedder(ModelOptions options, int inputIndex, int outputColumns) {
        this.options = options;
        this.inputIndex = inputIndex;
        this.outputColumns = outputColumns;
    }

    /** The model's outputs for a stream of non-null inputs, in order. */
    abstract Stream<?> embed(AutoCloseable model, Stream<Object> inputs);

    /** The output column values of one output. */
    abstract Object[] columns(Object output);

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        AutoCloseable model = ExecutorModels.get(options);
        ConcurrentLinkedDeque<Row> pending = new ConcurrentLinkedDeque<>();
        Iterator<Object> inputs = new Iterator<>() {
            private Object next;

            @Override
            public boolean hasNext() {
                while (next == null && rows.hasNext()) {
                    Row row = rows.next();
                    pending.add(row);
                    if (!row.isNullAt(inputIndex)) {
                        next = row.get(inputIndex);
                    }
                }
                return next != null;
            }

            @Override
            public Object next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Object value = next;
                next = null;
                return value;
            }
        };
        Iterator<?> outputs = embed(model, StreamSupport.stream(Spliterators.spliteratorUnknownSize(inputs,
                Spliterator.ORDERED | Spliterator.NONNULL), false)).iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                if (pending.isEmpty()) {
                    guarded(pending::peek, outputs::hasNext); // pulls inputs, and with them rows, into the queue
                }
                return !pending.isEmpty();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Row row = pending.peek();
                if (row.isNullAt(inputIndex)) {
                    pending.poll();
                    return append(row, new Object[outputColumns]);
                }
                Object output = guarded(() -> row, outputs::next);
                pending.poll();
                return append(row, columns(output));
            }
        };
    }

    /**
     * Runs a step of the model's stream; a failure names the row it was working towards (the oldest row still
     * waiting, that is the batch's first) and the reason.
     */
    private <T> T guarded(Supplier<Row> waiting, Supplier<T> step) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            Row row = waiting.get();
            throw new IllegalStateException("fastembed could not embed " + (row == null ? "a row" : "the row whose "
                    + "input is " + excerpt(row.get(inputIndex))) + " with " + options.model() + ": " + e.getMessage(),
                    e);
        }
    }

    private static String excerpt(Object input) {
        if (input instanceof byte[] bytes) {
            return bytes.length + " bytes";
        }
        String text = String.valueOf(input);
        return "'" + (text.length() > EXCERPT ? text.substring(0, EXCERPT) + "...' (" + text.length() + " chars)"
                : text + "'");
    }

    private static Row append(Row row, Object[] columns) {
        Object[] values = new Object[row.length() + columns.length];
        for (int i = 0; i < row.length(); i++) {
            values[i] = row.get(i);
        }
        System.arraycopy(columns, 0, values, row.length(), columns.length);
        return RowFactory.create(values);
    }
}
