/** Side-effect imports that register every kind's strategy and printer. */
import './strategies/all';
import './printers/all';
