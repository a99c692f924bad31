"""One APIRouter per resource, plus the router of the web pages."""
