package io.github.duban;

import com.sun.jna.Pointer;
import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A native handle: freed by {@link #close()}, or by a daemon thread once the Java object is
 * unreachable (a phantom reference; java.lang.ref.Cleaner needs JDK 9, this runs on JDK 8).
 */
abstract class Handle implements AutoCloseable {
    /** What frees a handle of each kind. */
    interface Free {
        void free(Pointer p);
    }

    private static final ReferenceQueue<Handle> QUEUE = new ReferenceQueue<Handle>();
    private static final Set<Releaser> LIVE = Collections.newSetFromMap(new ConcurrentHashMap<Releaser, Boolean>());

    static {
        Thread t = new Thread(new Runnable() {
            @Override
            public void run() {
                while (true) {
                    try {
                        Reference<? extends Handle> r = QUEUE.remove();
                        ((Releaser) r).release();
                    } catch (InterruptedException e) {
                        // keep going: the thread lives as long as the JVM
                    }
                }
            }
        }, "duban-handle-releaser");
        t.setDaemon(true);
        t.start();
    }

    private static final class Releaser extends PhantomReference<Handle> {
        private Pointer pointer;
        private final Free free;

        Releaser(Handle owner, Pointer pointer, Free free) {
            super(owner, QUEUE);
            this.pointer = pointer;
            this.free = free;
            LIVE.add(this);
        }

        synchronized Pointer pointer() {
            return pointer;
        }

        synchronized void release() {
            if (pointer != null) {
                free.free(pointer);
                pointer = null;
            }
            LIVE.remove(this);
        }
    }

    private final Releaser releaser;
    private final Pointer pointer;
    /** Read after every native call, so that the object stays reachable until the call returns. */
    private volatile boolean closed;

    Handle(Pointer pointer, Free free) {
        this.pointer = pointer;
        this.releaser = new Releaser(this, pointer, free);
    }

    /** The native pointer; throws once closed. */
    final Pointer ptr() {
        if (closed) {
            throw new IllegalStateException(getClass().getSimpleName() + " is closed");
        }
        return pointer;
    }

    /** Keeps this object reachable up to here (call after the native call). */
    final void fence() {
        if (closed) {
            throw new IllegalStateException(getClass().getSimpleName() + " was closed during a call");
        }
    }

    /** Frees the native handle now; further use throws IllegalStateException. Idempotent. */
    @Override
    public void close() {
        closed = true;
        releaser.release();
    }
}
