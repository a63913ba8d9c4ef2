"""The web page (`formgen serve`): routes that parse a request, call the same library functions
as the command line and render the result. No rule or rendering code lives here."""
