mod constants;
mod functions;
mod library_filename;
mod markers;
mod windows;
