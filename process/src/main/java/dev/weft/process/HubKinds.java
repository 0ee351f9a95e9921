package dev.weft.process;

import dev.weft.process.internal.hub.Kinds;
import dev.weft.process.internal.manager.ManagerServer;

/** Registers what each kind of shared object of this package decodes to (loaded by {@link Kinds}). */
final class HubKinds {
    private HubKinds() {}

    static {
        Kinds.register(Queue.KIND, Queue::resolve);
        Kinds.register(JoinableQueue.KIND, Queue::resolve);
        Kinds.register(SimpleQueue.KIND, Queue::resolve);
        Kinds.register(Connection.KIND, Connection::resolve);
        Kinds.register(ManagerServer.DICT, DictProxy::resolve);
        Kinds.register(ManagerServer.LIST, ListProxy::resolve);
        Kinds.register(ManagerServer.ARRAY, ListProxy::resolve);
        Kinds.register(ManagerServer.NAMESPACE, Namespace::resolve);
        Kinds.register(ManagerServer.VALUE, ValueProxy::resolve);
    }
}
