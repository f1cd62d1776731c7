"""The parts of meeting mode ("Vergadering leiden"); the window itself is `ui.meeting_mode`."""
