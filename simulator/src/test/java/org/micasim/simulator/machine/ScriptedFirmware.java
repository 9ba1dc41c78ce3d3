package org.micasim.simulator.machine;

import java.util.HashMap;
import java.util.Map;
import org.micasim.simulator.firmware.FirmwareServices;
import org.micasim.simulator.firmware.RealmFirmware;
import org.micasim.simulator.firmware.SmcContext;
import org.micasim.simulator.memory.PhysicalAccessException;

/** A test firmware: each RMI FID runs a handler given by the test. */
final class ScriptedFirmware implements RealmFirmware {
    interface Handler {
        void handle(SmcContext call, FirmwareServices services) throws PhysicalAccessException;
    }

    private final Map<Long, Handler> handlers = new HashMap<>();
    FirmwareServices services;
    int boots;

    ScriptedFirmware on(long fid, Handler h) {
        handlers.put(fid, h);
        return this;
    }

    @Override
    public void boot(FirmwareServices services) {
        this.services = services;
        boots++;
    }

    @Override
    public void handleRmi(SmcContext call) {
        Handler h = handlers.get(call.x(0));
        if (h == null) {
            call.setX(0, 1);
            return;
        }
        try {
            h.handle(call, services);
        } catch (PhysicalAccessException e) {
            call.setX(0, 2);
            call.setX(1, e.pa());
        }
    }
}
