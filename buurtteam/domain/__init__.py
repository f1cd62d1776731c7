"""Pure rules and types of buurtbeheer: no Qt, no SQL, no babel. "Today" is always passed in."""
