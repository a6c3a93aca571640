package org.cancerstats.spark;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * An iterator expanding each source element into a list, lazily: only one element's list is held at a time. For
 * per-partition steps whose output grows with the input (a row per person and index year), which must not collect a
 * partition's output first.
 */
public final class FlatMappedIterator<A, B> implements Iterator<B> {
    private final Iterator<A> source;
    private final Function<A, List<B>> expansion;
    private Iterator<B> current = Collections.emptyIterator();

    public FlatMappedIterator(Iterator<A> source, Function<A, List<B>> expansion) {
        this.source = source;
        this.expansion = expansion;
    }

    @Override
    public boolean hasNext() {
        while (!current.hasNext() && source.hasNext()) {
            current = expansion.apply(source.next()).iterator();
        }
        return current.hasNext();
    }

    @Override
    public B next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }
}
